package io.tongbao.ledger;

import java.time.Instant;
import java.util.Map;

/** A point type and the ids of its system accounts, keyed by {@link SystemAccount} name. */
public record PointTypeView(
        String code,
        String name,
        int scale,
        String status,
        Map<SystemAccount, String> systemAccounts,
        Instant createdAt) {}
