package io.tongbao.console;

import io.tongbao.platform.AuditQuery;
import io.tongbao.platform.SignedInUser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters of the audit log, from its URL: exact actor, action, target type and id, an operator's merchant, and
 * days {@code from} to {@code to} (both included) in the user's zone. Blank means any.
 */
record AuditFilter(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable String merchant,
        @Nullable LocalDate from,
        @Nullable LocalDate to) {

    AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        targetType = blankToNull(targetType);
        targetId = blankToNull(targetId);
        merchant = blankToNull(merchant);
    }

    public boolean isEmpty() {
        return actor == null
                && action == null
                && targetType == null
                && targetId == null
                && merchant == null
                && from == null
                && to == null;
    }

    /**
     * The query for the user: a merchant user's always limited to its own merchant (entries of no merchant, such as
     * operators' logins, are then left out), whatever the URL says.
     */
    AuditQuery query(SignedInUser me, @Nullable Long beforeSeq, int limit) {
        ZoneId zone = me.zoneId();
        return AuditQuery.newest(limit)
                .actor(actor)
                .action(action)
                .target(targetType, targetId)
                .merchant(me.isOperator() ? merchant : me.merchantScope())
                .between(
                        from == null ? null : from.atStartOfDay(zone).toInstant(),
                        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant())
                .before(beforeSeq);
    }

    /** The list's URL with these filters, from the page before {@code beforeSeq} (null: the newest). */
    String url(@Nullable Long beforeSeq) {
        return UriComponentsBuilder.fromPath("/console/audit")
                .queryParamIfPresent("actor", Optional.ofNullable(actor))
                .queryParamIfPresent("action", Optional.ofNullable(action))
                .queryParamIfPresent("target_type", Optional.ofNullable(targetType))
                .queryParamIfPresent("target_id", Optional.ofNullable(targetId))
                .queryParamIfPresent("merchant", Optional.ofNullable(merchant))
                .queryParamIfPresent("from", Optional.ofNullable(from))
                .queryParamIfPresent("to", Optional.ofNullable(to))
                .queryParamIfPresent("before", Optional.ofNullable(beforeSeq))
                .encode()
                .build()
                .toUriString();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
