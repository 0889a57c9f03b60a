package io.tongbao.sdk.ledger;

import java.util.Map;

/** Converts {@code amount} of the source account's type at numerator/denominator (rounded down) into the target's. */
public record NewConversion(
        String conversionId,
        String fromAccount,
        String toAccount,
        long amount,
        long rateNumerator,
        long rateDenominator,
        int reason,
        String memo,
        Map<String, String> metadata) {}
