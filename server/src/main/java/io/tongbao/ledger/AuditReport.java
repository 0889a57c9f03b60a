package io.tongbao.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What the auditor found. {@code ok} only when {@code violations} is empty. {@code chainRoot} digests every
 * account chain's head: keep it somewhere else, and a later report with the same journal must show it again.
 */
public record AuditReport(
        boolean ok,
        List<String> violations,
        long transfers,
        long postings,
        long balanceRows,
        String chainRoot,
        Instant checkedAt) {}
