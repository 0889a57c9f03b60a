package io.tongbao.ledger;

import io.tongbao.shared.event.EventSubscriptions;
import io.tongbao.shared.time.JdbcTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes ledger events into {@code ledger_event}, inside the caller's transaction (or, for single transfers, as part
 * of {@link FastTransfers}' one statement). Whether a transfer event is wanted is asked per call from
 * {@link EventSubscriptions}, so a merchant that did not subscribe pays one map look-up and writes nothing.
 */
@Component
class LedgerOutbox {

    record Pending(String type, String payload) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Supplier<EventSubscriptions> subscriptions;
    private volatile @Nullable EventSubscriptions resolved;

    @Autowired
    LedgerOutbox(JdbcClient jdbc, ObjectMapper json, ObjectProvider<EventSubscriptions> subscriptions) {
        this(jdbc, json, () -> subscriptions.getIfAvailable(() -> EventSubscriptions.NONE));
    }

    LedgerOutbox(JdbcClient jdbc, ObjectMapper json, Supplier<EventSubscriptions> subscriptions) {
        this.jdbc = jdbc;
        this.json = json;
        this.subscriptions = subscriptions;
    }

    boolean wantsTransfers(@Nullable String appId) {
        return appId != null && subscriptions().wants(appId, LedgerEvents.TRANSFER_POSTED);
    }

    Pending transferPosted(String merchantId, String appId, Entry entry, Instant at) {
        return new Pending(
                LedgerEvents.TRANSFER_POSTED,
                json.writeValueAsString(new LedgerEvents.TransferPosted(
                        merchantId,
                        appId,
                        entry.clientId(),
                        entry.kind(),
                        entry.from().pointType(),
                        entry.from().publicId(),
                        entry.to().publicId(),
                        entry.amount(),
                        entry.reason(),
                        entry.memo(),
                        metadata(entry.metadata()),
                        entry.relatedClientId(),
                        at)));
    }

    Pending holdExpired(String merchantId, @Nullable String appId, Entry expiry, Instant expiresAt, Instant at) {
        return new Pending(
                LedgerEvents.HOLD_EXPIRED,
                json.writeValueAsString(new LedgerEvents.HoldExpired(
                        merchantId,
                        appId,
                        Objects.requireNonNull(expiry.relatedClientId(), "an expiry names its hold"),
                        expiry.clientId(),
                        expiry.from().pointType(),
                        expiry.from().publicId(),
                        expiry.to().publicId(),
                        expiry.heldAmount(),
                        expiry.reason(),
                        expiresAt,
                        at)));
    }

    /** In list order, so that events of one transaction keep the order of its entries. */
    void write(List<Pending> events, Instant at) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into ledger_event (type, payload, created_at)
                        select u.type, u.payload, ? from unnest(?::text[], ?::text[]) with ordinality as u(type, payload, n)
                        order by u.n""")
                .params(
                        Objects.requireNonNull(JdbcTime.at(at), "the instant is given"),
                        events.stream().map(Pending::type).toArray(String[]::new),
                        events.stream().map(Pending::payload).toArray(String[]::new))
                .update();
    }

    Object read(String type, String payload) {
        return switch (type) {
            case LedgerEvents.TRANSFER_POSTED -> json.readValue(payload, LedgerEvents.TransferPosted.class);
            case LedgerEvents.HOLD_EXPIRED -> json.readValue(payload, LedgerEvents.HoldExpired.class);
            default -> throw new IllegalStateException("unknown ledger event type " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private @Nullable Map<String, String> metadata(@Nullable String stored) {
        return stored == null ? null : json.readValue(stored, TreeMap.class);
    }

    private EventSubscriptions subscriptions() {
        EventSubscriptions current = resolved;
        if (current == null) {
            current = subscriptions.get();
            resolved = current;
        }
        return current;
    }
}
