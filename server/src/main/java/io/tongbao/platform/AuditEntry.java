package io.tongbao.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One entry of the audit log, as stored: secrets in {@code before} and {@code after} were masked on entry. */
public record AuditEntry(
        long seq,
        Instant occurredAt,
        String actor,
        @Nullable String actorRole,
        @Nullable String source,
        @Nullable String merchantId,
        String action,
        String targetType,
        String targetId,
        @Nullable String summary,
        @Nullable JsonNode before,
        @Nullable JsonNode after) {}
