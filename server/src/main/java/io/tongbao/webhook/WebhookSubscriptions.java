package io.tongbao.webhook;

import io.tongbao.ledger.LedgerEvents;
import io.tongbao.shared.event.EventSubscriptions;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.shared.web.ApiException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The optional event types each app subscribed to ({@code webhook_event_types}). Producers ask on their hot path
 * (every ledger transfer), so answers are cached per node for {@link #FRESH}: a change made on this node applies at
 * once, on the others within that time.
 */
@Component
class WebhookSubscriptions implements EventSubscriptions {

    /** Event types an app must ask for: they can come at the rate of the merchant's own traffic. */
    static final Set<String> OPTIONAL = Set.of(LedgerEvents.TRANSFER_POSTED);

    static final Duration FRESH = Duration.ofSeconds(5);

    private record Cached(Set<String> types, long loadedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    WebhookSubscriptions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean wants(String appId, String eventType) {
        if (!OPTIONAL.contains(eventType)) {
            return true;
        }
        long now = clock.millis();
        Cached cached = cache.get(appId);
        if (cached == null || now - cached.loadedAt() > FRESH.toMillis()) {
            cached = new Cached(load(appId), now);
            cache.put(appId, cached);
        }
        return cached.types().contains(eventType);
    }

    Set<String> of(String appId) {
        return load(appId);
    }

    Set<String> set(String appId, List<String> types) {
        if (types == null) {
            throw ApiException.invalid("event_types", "is required: a list of optional event types, [] for none");
        }
        if (types.stream().anyMatch(type -> type == null)) {
            throw ApiException.invalid("event_types", "must list event type names; null is not one");
        }
        Set<String> wanted = new TreeSet<>(types);
        if (!OPTIONAL.containsAll(wanted)) {
            throw ApiException.invalid(
                    "event_types",
                    "optional event types are " + String.join(", ", new TreeSet<>(OPTIONAL))
                            + "; the others are always sent");
        }
        jdbc.sql("""
                        insert into webhook_app_settings (app_id, event_types, updated_at) values (:app, :types, :now)
                        on conflict (app_id) do update set event_types = excluded.event_types, updated_at = excluded.updated_at""")
                .param("app", appId)
                .param("types", wanted.toArray(String[]::new))
                .param("now", JdbcTime.at(clock.instant()))
                .update();
        cache.put(appId, new Cached(Set.copyOf(wanted), clock.millis()));
        return wanted;
    }

    private Set<String> load(String appId) {
        return jdbc.sql("select event_types from webhook_app_settings where app_id = :app")
                .param("app", appId)
                .query((rs, n) -> types(rs.getArray(1)))
                .optional()
                .orElse(Set.of());
    }

    private static Set<String> types(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
