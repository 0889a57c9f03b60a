package io.tongbao.sdk.ledger;

import java.time.Instant;
import java.util.Map;

/** A point type; {@code systemAccounts} maps CENTRAL_BANK, POOL, WITHDRAWALS, FEES, EXCHANGE to account ids. */
public record PointType(
        String code, String name, int scale, String status, Map<String, String> systemAccounts, Instant createdAt) {

    public String centralBank() {
        return systemAccounts.get("CENTRAL_BANK");
    }

    public String exchange() {
        return systemAccounts.get("EXCHANGE");
    }
}
