package io.tongbao.ledger;

import java.util.Map;

/**
 * Converts points of one type into another at rate {@code rateNumerator / rateDenominator} (rounded down),
 * through both types' EXCHANGE system accounts, as one linked pair of transfers.
 */
public record ConversionRequest(
        String conversionId,
        String fromAccount,
        String toAccount,
        Long amount,
        Long rateNumerator,
        Long rateDenominator,
        Integer reason,
        String memo,
        Map<String, String> metadata) {}
