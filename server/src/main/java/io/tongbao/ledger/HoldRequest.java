package io.tongbao.ledger;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A pending transfer: reserves {@code amount} of the payer's available balance until posted, voided or expired. */
public record HoldRequest(
        String transferId,
        String pointType,
        String fromAccount,
        String toAccount,
        Long amount,
        Integer reason,
        @Nullable Long timeoutSeconds,
        @Nullable String memo,
        @Nullable Map<String, String> metadata) {}
