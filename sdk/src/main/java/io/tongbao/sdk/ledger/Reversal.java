package io.tongbao.sdk.ledger;

/** A reversal is a new transfer with its own id and reason; {@code amount} null reverses all of the original. */
public record Reversal(String transferId, Long amount, int reason, String memo) {}
