package io.tongbao.sdk.ledger;

import java.util.Map;

/** Choose {@code transferId} yourself and reuse it on retries: the ledger applies it at most once. */
public record NewTransfer(
        String transferId,
        String pointType,
        String fromAccount,
        String toAccount,
        long amount,
        int reason,
        String memo,
        Map<String, String> metadata) {

    public static NewTransfer of(
            String transferId, String pointType, String fromAccount, String toAccount, long amount, int reason) {
        return new NewTransfer(transferId, pointType, fromAccount, toAccount, amount, reason, null, null);
    }
}
