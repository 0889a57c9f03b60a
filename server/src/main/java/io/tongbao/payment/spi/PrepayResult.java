package io.tongbao.payment.spi;

/** What the channel said to a prepay. */
public sealed interface PrepayResult {

    /** The trade is open; the buyer acts next. */
    record AwaitingBuyer(ClientAction action) implements PrepayResult {}

    /** Paid at once (barcode). */
    record Paid(PaidTrade trade) implements PrepayResult {}

    /** Barcode: the buyer must confirm (password); poll. */
    record Processing(String reason) implements PrepayResult {}

    /** Refused by the channel; nothing is open. */
    record Failed(String code, String message) implements PrepayResult {}

    /** No clear answer (timeout, 5xx): the trade may exist; query it. */
    record Unknown(String reason) implements PrepayResult {}
}
