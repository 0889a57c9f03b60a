package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The fee an order snapshots: amount (fen) × rate (parts per million, 0 to 1,000,000 as FeeRates allows),
 * rounded half up to whole fen, with checked arithmetic.
 */
class FeeRoundingTest {

    private static final int ONE_HUNDRED_PERCENT = 1_000_000;

    @Test
    void aFeeBelowHalfAFenRoundsToNothing() {
        assertThat(UnifiedOrders.fee(1, 6_000)).isZero(); // 0.006 fen
        assertThat(UnifiedOrders.fee(1, 499_999)).isZero(); // 0.499999 fen
        assertThat(UnifiedOrders.fee(83, 6_000)).isZero(); // 0.498 fen
    }

    @Test
    void aFeeOfExactlyHalfAFenRoundsUp() {
        assertThat(UnifiedOrders.fee(1, 500_000)).isEqualTo(1); // 0.5 fen
        assertThat(UnifiedOrders.fee(100, 5_000)).isEqualTo(1); // 0.5 fen
        assertThat(UnifiedOrders.fee(250, 6_000)).isEqualTo(2); // 1.5 fen
        assertThat(UnifiedOrders.fee(1_999, 6_000)).isEqualTo(12); // 11.994 fen
        assertThat(UnifiedOrders.fee(2_500, 6_000)).isEqualTo(15); // exactly 15 fen
    }

    @Test
    void aFeeJustAboveHalfAFenRoundsUpAndJustBelowRoundsDown() {
        assertThat(UnifiedOrders.fee(84, 6_000)).isEqualTo(1); // 0.504 fen
        assertThat(UnifiedOrders.fee(100, 4_999)).isZero(); // 0.4999 fen
        assertThat(UnifiedOrders.fee(100, 5_001)).isEqualTo(1); // 0.5001 fen
    }

    @Test
    void aZeroRateCostsNothingAndAFullRateCostsTheAmount() {
        assertThat(UnifiedOrders.fee(OrderValidation.MAXIMUM_AMOUNT, 0)).isZero();
        assertThat(UnifiedOrders.fee(1, ONE_HUNDRED_PERCENT)).isEqualTo(1);
        assertThat(UnifiedOrders.fee(OrderValidation.MAXIMUM_AMOUNT, ONE_HUNDRED_PERCENT))
                .isEqualTo(OrderValidation.MAXIMUM_AMOUNT);
    }

    @Test
    void theLargestOrderAtTheLargestRateDoesNotOverflow() {
        // 10^10 fen × 10^6 ppm = 10^16, far below Long.MAX_VALUE (≈ 9.2 × 10^18)
        assertThat(UnifiedOrders.fee(OrderValidation.MAXIMUM_AMOUNT, 6_000)).isEqualTo(60_000_000L);
        assertThat(UnifiedOrders.fee(OrderValidation.MAXIMUM_AMOUNT, 999_999)).isEqualTo(9_999_990_000L);
    }

    @Test
    void anAmountBeyondLongRangeAfterMultiplyingFailsInsteadOfWrapping() {
        assertThatThrownBy(() -> UnifiedOrders.fee(Long.MAX_VALUE, 6_000)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> UnifiedOrders.fee(Long.MAX_VALUE / 2, 3)).isInstanceOf(ArithmeticException.class);
        // the product fits, the half-fen added for rounding does not
        assertThatThrownBy(() -> UnifiedOrders.fee(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
    }

    @Property
    void theFeeIsTheExactProductRoundedHalfUp(
            @ForAll @LongRange(min = 1, max = OrderValidation.MAXIMUM_AMOUNT) long amount,
            @ForAll @IntRange(min = 0, max = ONE_HUNDRED_PERCENT) int ratePpm) {
        long expected = BigDecimal.valueOf(amount)
                .multiply(BigDecimal.valueOf(ratePpm))
                .divide(BigDecimal.valueOf(ONE_HUNDRED_PERCENT))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(UnifiedOrders.fee(amount, ratePpm)).isEqualTo(expected);
    }

    @Property
    void theFeeIsNeverMoreThanTheAmountAndNeverLessForAHigherRate(
            @ForAll @LongRange(min = 1, max = OrderValidation.MAXIMUM_AMOUNT) long amount,
            @ForAll @IntRange(min = 0, max = ONE_HUNDRED_PERCENT - 1) int ratePpm) {
        long fee = UnifiedOrders.fee(amount, ratePpm);
        assertThat(fee).isBetween(0L, amount);
        assertThat(UnifiedOrders.fee(amount, ratePpm + 1)).isGreaterThanOrEqualTo(fee);
    }
}
