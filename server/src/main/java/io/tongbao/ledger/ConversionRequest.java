package io.tongbao.ledger;

import java.util.Map;
import org.jspecify.annotations.Nullable;

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
        @Nullable String memo,
        @Nullable Map<String, String> metadata) {}
