package io.tongbao.ledger;

import org.jspecify.annotations.Nullable;

/** Reverses a transfer: a new transfer back from payee to payer, at most once, never beyond the original amount. */
public record ReversalRequest(
        String transferId,
        @Nullable Long amount,
        Integer reason,
        @Nullable String memo) {}
