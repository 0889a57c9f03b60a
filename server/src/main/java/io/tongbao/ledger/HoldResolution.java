package io.tongbao.ledger;

/**
 * Posting or voiding a hold. {@code transferId} is the client id of the resolving journal row (idempotent like any
 * transfer); {@code amount} posts part of the hold (the rest is released), absent posts all of it.
 */
public record HoldResolution(String transferId, Long amount) {}
