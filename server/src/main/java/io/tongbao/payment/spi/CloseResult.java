package io.tongbao.payment.spi;

import java.time.Duration;

/** What the channel said when asked to close (or cancel) a trade. */
public sealed interface CloseResult {

    record Closed() implements CloseResult {}

    /** It was paid meanwhile: real money; the order is paid. */
    record AlreadyPaid(PaidTrade trade) implements CloseResult {}

    /** The channel refuses to close yet (WeChat: not within 5 minutes of creation). */
    record NotYet(Duration retryAfter, String reason) implements CloseResult {}

    record Unknown(String reason) implements CloseResult {}
}
