package io.tongbao.ledger;

import java.util.Map;

/** A pending transfer: reserves {@code amount} of the payer's available balance until posted, voided or expired. */
public record HoldRequest(
        String transferId,
        String pointType,
        String fromAccount,
        String toAccount,
        Long amount,
        Integer reason,
        Long timeoutSeconds,
        String memo,
        Map<String, String> metadata) {}
