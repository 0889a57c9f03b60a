package io.tongbao.sandbox.fault;

/** Ways the sandbox can misbehave on request, the way real channels sometimes do. */
public enum FaultKind {
    /** hold notifications back for {@code delay_seconds} of sandbox time before the first attempt */
    NOTIFY_DELAY,
    /** send each notification {@code count} times (each copy retried on its own) */
    NOTIFY_DUPLICATE,
    /** never send the notification: the receiver must find out by querying */
    NOTIFY_DROP,
    /** hold a notification until the next one for the same account, then send the newer one first */
    NOTIFY_REORDER,
    /** a validly signed notification with an amount that does not match the order */
    NOTIFY_TAMPER_AMOUNT,
    /** a notification whose signature does not verify */
    NOTIFY_TAMPER_SIGNATURE,
    /** the API answers with the channel's own "system busy" error */
    API_SYSTEM_ERROR,
    /** the API answers with HTTP 503 and no channel body */
    API_HTTP_5XX,
    /** the API answers only after {@code delay_seconds} of real time, so that the client's read timeout fires */
    API_TIMEOUT;

    public boolean isNotificationFault() {
        return name().startsWith("NOTIFY_");
    }
}
