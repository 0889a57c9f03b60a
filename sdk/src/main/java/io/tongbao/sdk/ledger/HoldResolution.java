package io.tongbao.sdk.ledger;

/** {@code amount}: to post part of a hold (the rest is released); null posts all, and must be null for a void. */
public record HoldResolution(String transferId, Long amount) {}
