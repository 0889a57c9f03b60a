package io.tongbao.sdk.ledger;

import java.util.Map;

/** Reserves {@code amount} of the payer's available balance for at most {@code timeoutSeconds}. */
public record NewHold(
        String transferId,
        String pointType,
        String fromAccount,
        String toAccount,
        long amount,
        int reason,
        long timeoutSeconds,
        String memo,
        Map<String, String> metadata) {

    public static NewHold of(
            String transferId,
            String pointType,
            String fromAccount,
            String toAccount,
            long amount,
            int reason,
            long timeoutSeconds) {
        return new NewHold(transferId, pointType, fromAccount, toAccount, amount, reason, timeoutSeconds, null, null);
    }
}
