package io.tongbao.platform;

import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.shared.web.MerchantCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * Appends to the audit log in the caller's transaction. One statement locks the chain head, writes the entry with
 * its hash (computed by PostgreSQL, see the migration's {@code audit_entry_hash}) and moves the head: appends from
 * any thread or node take their turn on the head row and form one unbroken chain.
 */
@Component
class AuditRecorder implements AuditTrail {

    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    AuditRecorder(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void record(AuditChange change) {
        Actor actor = actor(change);
        jdbc.sql("""
                        with head as (select seq, head from audit_chain where id = 1 for update),
                        entry as (
                            insert into audit_entry (seq, occurred_at, actor, actor_role, source, merchant_id, action,
                                                     target_type, target_id, summary, before, after, prev_hash, hash)
                            select head.seq + 1, :at, :actor, :role, :source, :merchant, :action, :type, :target,
                                   :summary, cast(:before as jsonb), cast(:after as jsonb), head.head,
                                   audit_entry_hash(head.head, head.seq + 1, :at, :actor, :role, :source, :merchant,
                                                    :action, :type, :target, :summary, cast(:before as jsonb),
                                                    cast(:after as jsonb))
                            from head
                            returning seq, hash)
                        update audit_chain set seq = entry.seq, head = entry.hash from entry where audit_chain.id = 1""")
                .param("at", JdbcTime.at(clock.instant()))
                .param("actor", actor.name())
                .param("role", actor.role())
                .param("source", actor.source())
                .param("merchant", change.merchantId() != null ? change.merchantId() : actor.merchantId())
                .param("action", change.action())
                .param("type", change.targetType())
                .param("target", change.targetId())
                .param("summary", change.summary())
                .param("before", masked(change.before()))
                .param("after", masked(change.after()))
                .update();
    }

    private @Nullable String masked(@Nullable Object value) {
        return value == null ? null : json.writeValueAsString(SecretMasking.mask(json.valueToTree(value)));
    }

    /** Who acts, from where; {@code merchantId} is the merchant of a signed API call. */
    private record Actor(
            String name,
            @Nullable String role,
            @Nullable String source,
            @Nullable String merchantId) {}

    private static Actor actor(AuditChange change) {
        HttpServletRequest request = currentRequest();
        String source = change.source() != null ? change.source() : request == null ? null : request.getRemoteAddr();
        if (change.actor() != null) {
            return new Actor(change.actor(), null, source, null);
        }
        MerchantCaller caller = request == null ? null : MerchantCaller.find(request);
        if (caller != null) {
            return new Actor("app:" + caller.appId(), null, source, caller.merchantId());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            String roles = authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                    .sorted()
                    .collect(Collectors.joining(","));
            return new Actor(authentication.getName(), roles.isEmpty() ? null : roles, source, null);
        }
        return new Actor(SYSTEM, null, source, null);
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
