package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.shared.PayWay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The janitor's query schedule as docs/payments.md and shared/PROTOCOLS.md state it: barcode every 3 s, given up
 * after 60 s (Alipay face-to-face: poll every 3–6 s for ~60 s); others first after 1 min (WeChat: query if no
 * notification within ~1 min), then 2, 5, 10 and every 30 min. The janitor asks {@code after(way, n)} with the
 * attempt's query count before that query's reschedule, so the n-th wait (n = 0 the first) is
 * {@code first(way)} and then {@code after(way, 0)}, {@code after(way, 1)}, …
 */
class QueryScheduleTest {

    private static final List<PayWay> NOT_BARCODE =
            List.copyOf(EnumSet.complementOf(EnumSet.of(PayWay.ALIPAY_BARCODE)));

    @Test
    void aBarcodeAttemptIsQueriedEveryThreeSeconds() {
        assertThat(waits(PayWay.ALIPAY_BARCODE, 25)).containsOnly(Duration.ofSeconds(3));
    }

    @Test
    void aBarcodeAttemptIsGivenUpAfterAMinute() {
        assertThat(QuerySchedule.BARCODE_GIVE_UP).isEqualTo(Duration.ofSeconds(60));
        // about 20 queries before giving up: each 3 s, never a single long wait past the buyer at the till
        assertThat(QuerySchedule.BARCODE_GIVE_UP.dividedBy(QuerySchedule.BARCODE_INTERVAL))
                .isEqualTo(20);
    }

    @Test
    void everyOtherPayWayIsQueriedAfterOneThenTwoFiveTenAndEveryThirtyMinutes() {
        List<Duration> documented = minutes(1, 2, 5, 10, 30, 30, 30, 30);
        for (PayWay way : NOT_BARCODE) {
            assertThat(waits(way, documented.size())).as(way.name()).isEqualTo(documented);
        }
    }

    @Property
    void aNonBarcodeWaitNeverShrinksAndStaysBetweenOneAndThirtyMinutes(
            @ForAll("notBarcode") PayWay way, @ForAll @IntRange(min = 0, max = 1_000_000) int queriesSoFar) {
        Duration wait = QuerySchedule.after(way, queriesSoFar);
        assertThat(wait).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(30));
        Duration previous = queriesSoFar == 0 ? QuerySchedule.first(way) : QuerySchedule.after(way, queriesSoFar - 1);
        assertThat(wait).isGreaterThanOrEqualTo(previous);
    }

    @Property
    void aBarcodeWaitIsThreeSecondsWhateverTheCount(@ForAll @IntRange(min = 0, max = 1_000_000) int queriesSoFar) {
        assertThat(QuerySchedule.after(PayWay.ALIPAY_BARCODE, queriesSoFar)).isEqualTo(Duration.ofSeconds(3));
    }

    @Provide
    Arbitrary<PayWay> notBarcode() {
        return Arbitraries.of(NOT_BARCODE);
    }

    /** The first {@code count} waits the janitor uses for an attempt of this pay way. */
    private static List<Duration> waits(PayWay way, int count) {
        List<Duration> waits = new ArrayList<>();
        waits.add(QuerySchedule.first(way));
        for (int queriesSoFar = 0; waits.size() < count; queriesSoFar++) {
            waits.add(QuerySchedule.after(way, queriesSoFar));
        }
        return waits;
    }

    private static List<Duration> minutes(long... minutes) {
        return Arrays.stream(minutes).mapToObj(Duration::ofMinutes).toList();
    }
}
