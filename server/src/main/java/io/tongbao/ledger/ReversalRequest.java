package io.tongbao.ledger;

/** Reverses a transfer: a new transfer back from payee to payer, at most once, never beyond the original amount. */
public record ReversalRequest(String transferId, Long amount, Integer reason, String memo) {}
