package io.tongbao.ledger;

import java.time.Instant;

/** Filters of a statement page; every field may be null. */
public record StatementQuery(Integer limit, String cursor, Instant from, Instant to, Integer reason) {}
