package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import java.time.Duration;

/**
 * When to ask a channel about an attempt that has not been notified. Barcode: every 3 s (the buyer is at the
 * till), giving up after a minute. Others: from one minute, backing off to half an hour.
 */
final class QuerySchedule {

    static final Duration BARCODE_INTERVAL = Duration.ofSeconds(3);
    static final Duration BARCODE_GIVE_UP = Duration.ofSeconds(60);
    private static final Duration[] BACKOFF = {
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(30)
    };

    private QuerySchedule() {}

    static Duration first(PayWay payWay) {
        return payWay == PayWay.ALIPAY_BARCODE ? BARCODE_INTERVAL : BACKOFF[0];
    }

    static Duration after(PayWay payWay, int queriesSoFar) {
        if (payWay == PayWay.ALIPAY_BARCODE) {
            return BARCODE_INTERVAL;
        }
        return BACKOFF[Math.min(queriesSoFar + 1, BACKOFF.length - 1)];
    }
}
