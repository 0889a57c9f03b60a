package io.tongbao.ledger;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Filters of a statement page; every field may be null. */
public record StatementQuery(
        @Nullable Integer limit,
        @Nullable String cursor,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable Integer reason) {}
