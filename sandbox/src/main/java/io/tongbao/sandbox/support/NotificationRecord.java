package io.tongbao.sandbox.support;

import java.util.List;

/** A notification and what became of it so far, as {@code GET /sandbox/notifications} shows it. */
public record NotificationRecord(
        String id,
        String channel,
        String account,
        String outTradeNo,
        String summary,
        String target,
        int copy,
        String tampering,
        State state,
        List<DeliveryAttempt> attempts) {

    public enum State {
        /** waiting for its next attempt */
        PENDING,
        /** held back by a reorder fault until the next notification comes */
        HELD,
        /** the receiver acknowledged it */
        ACKNOWLEDGED,
        /** every attempt of the schedule failed */
        GAVE_UP,
        /** a drop fault swallowed it */
        DROPPED
    }
}
