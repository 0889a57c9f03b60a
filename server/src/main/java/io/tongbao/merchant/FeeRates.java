package io.tongbao.merchant;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.cache.SettingsCache;
import io.tongbao.shared.cache.SettingsCacheProperties;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fee an app pays per pay way, in parts per million of the amount; payments snapshot it. The rate an order
 * snapshots is read from memory, kept for {@code tongbao.api.settings-cache-ttl} (a change on this node is seen at
 * once).
 */
@Service
public class FeeRates {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SettingsCache<String, Map<PayWay, Integer>> cached;
    private final MerchantStore store;
    private final AuditTrail audit;

    FeeRates(JdbcClient jdbc, Clock clock, SettingsCacheProperties caches, MerchantStore store, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cached = caches.cache();
        this.store = store;
        this.audit = audit;
    }

    public OptionalInt ratePpm(String appId, PayWay payWay) {
        Integer rate = cached.get(appId, app -> Map.copyOf(rates(app))).get(payWay);
        return rate == null ? OptionalInt.empty() : OptionalInt.of(rate);
    }

    public Map<PayWay, Integer> rates(String appId) {
        Map<PayWay, Integer> rates = new EnumMap<>(PayWay.class);
        jdbc.sql("select pay_way, rate_ppm from fee_rate where app_id = :app")
                .param("app", appId)
                .query((rs, row) -> rates.put(PayWay.valueOf(rs.getString(1)), rs.getInt(2)))
                .list();
        return rates;
    }

    /** Sets the given ways' rates; ways not named keep theirs. */
    @Transactional
    public Map<PayWay, Integer> set(String appId, Map<PayWay, Integer> rates) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<PayWay, Integer> before = rates(appId);
        rates.forEach((way, ppm) -> {
            if (ppm == null || ppm < 0 || ppm > 1_000_000) {
                throw ApiException.invalid("rates." + way, "must be between 0 and 1000000 parts per million");
            }
            jdbc.sql("""
                            insert into fee_rate (app_id, pay_way, rate_ppm, updated_at) values (:app, :way, :ppm, :now)
                            on conflict (app_id, pay_way) do update set rate_ppm = excluded.rate_ppm, updated_at = excluded.updated_at""")
                    .param("app", appId)
                    .param("way", way.name())
                    .param("ppm", ppm)
                    .param("now", now)
                    .update();
        });
        cached.forget(appId);
        Map<PayWay, Integer> after = rates(appId);
        audit.record(AuditChange.of("app.fee_rates.set", "app", appId)
                .merchant(store.app(appId).map(App::merchantId).orElse(null))
                .before(Map.of("rates_ppm", before))
                .after(Map.of("rates_ppm", after)));
        return after;
    }
}
