package io.tongbao.sandbox.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One asynchronous notification as a channel sends it: where, how it is signed, and what counts as received. */
public interface OutboundNotification {

    /** Stays the same across retries (Alipay's notify_id, WeChat Pay's event id). */
    String id();

    String channel();

    /** The app_id or mchid the notification belongs to: a fault may target it. */
    String account();

    /** The merchant's order number: a fault may target it. */
    String outTradeNo();

    String summary();

    URI target();

    /** Waits between one attempt and the next; the first attempt goes out at once. */
    List<Duration> retryIntervals();

    /** Builds one attempt. Each attempt is signed afresh because the time it was sent is part of it. */
    HttpRequest.Builder request(Instant sentAt, Tampering tampering);

    boolean acknowledged(int status, String body);

    /** What a fault may do to the message so that the receiver can prove it rejects it. */
    enum Tampering {
        NONE,
        /** the amount is changed and the message is validly signed: only a check against the order catches it */
        AMOUNT,
        /** the signature no longer matches the message */
        SIGNATURE
    }
}
