package io.tongbao.shared.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static Money cny(long fen) {
        return Money.of(fen, Currency.CNY);
    }

    @Test
    void isNeverNegative() {
        assertThatThrownBy(() -> cny(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cny(1).minus(cny(2))).isInstanceOf(ArithmeticException.class);
        assertThat(cny(2).minus(cny(2))).isEqualTo(Money.zero(Currency.CNY));
        assertThat(Money.zero(Currency.CNY).isZero()).isTrue();
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> cny(Long.MAX_VALUE).plus(cny(1))).isInstanceOf(ArithmeticException.class);
        assertThat(cny(Long.MAX_VALUE - 1).plus(cny(1)).minor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void writesTheChannelsDecimalForm() {
        assertThat(cny(1999).toDecimal()).isEqualTo("19.99");
        assertThat(cny(5).toDecimal()).isEqualTo("0.05");
        assertThat(cny(2000).toDecimal()).isEqualTo("20.00");
        assertThat(cny(0).toDecimal()).isEqualTo("0.00");
    }

    @Test
    void readsTheDecimalFormExactly() {
        assertThat(Money.ofDecimal("19.99", Currency.CNY)).isEqualTo(cny(1999));
        assertThat(Money.ofDecimal("20", Currency.CNY)).isEqualTo(cny(2000));
        assertThat(Money.ofDecimal(" 0.5 ", Currency.CNY)).isEqualTo(cny(50));
        assertThatThrownBy(() -> Money.ofDecimal("19.999", Currency.CNY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofDecimal("-0.01", Currency.CNY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofDecimal("1e30", Currency.CNY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofDecimal("twelve", Currency.CNY)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void comparesByAmount() {
        assertThat(cny(2).isGreaterThan(cny(1))).isTrue();
        assertThat(cny(1).isGreaterThan(cny(1))).isFalse();
        assertThat(cny(1)).isLessThan(cny(2));
    }

    @Test
    void knowsOnlyTheCurrenciesItTakes() {
        assertThat(Currency.byCode("CNY")).contains(Currency.CNY);
        assertThat(Currency.byCode("USD")).isEmpty();
        assertThat(Currency.byCode("cny")).isEmpty();
        assertThat(Currency.byCode(null)).isEmpty();
    }

    @Property
    void minusUndoesPlus(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long a,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long b) {
        assertThat(cny(a).plus(cny(b)).minus(cny(b))).isEqualTo(cny(a));
        assertThat(cny(a).plus(cny(b))).isEqualTo(cny(b).plus(cny(a)));
    }

    @Property
    void plusOverflowsExactlyWhenTheSumExceedsALong(
            @ForAll @LongRange(min = 0) long a, @ForAll @LongRange(min = 0) long b) {
        if (a > Long.MAX_VALUE - b) {
            assertThatThrownBy(() -> cny(a).plus(cny(b))).isInstanceOf(ArithmeticException.class);
        } else {
            assertThat(cny(a).plus(cny(b)).minor()).isEqualTo(a + b);
        }
    }

    @Property
    void theDecimalFormReadsBackAsTheSameAmount(@ForAll @LongRange(min = 0) long fen) {
        assertThat(Money.ofDecimal(cny(fen).toDecimal(), Currency.CNY)).isEqualTo(cny(fen));
    }
}
