package io.tongbao.payment;

import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.log.LogValues;
import io.tongbao.shared.time.JdbcTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of everything money-related that did not go as expected; the operator works through it. Refused
 * notifications are sampled rather than recorded one row each, since anyone can post them: a row per sample key,
 * its {@code occurrences} counting how many came (V20261203_1610__payment_exception_sampling.sql).
 */
@Component
class PaymentExceptions {

    private static final Logger log = LoggerFactory.getLogger(PaymentExceptions.class);

    private final JdbcClient jdbc;

    PaymentExceptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String record(OrderRow order, AttemptId attemptId, String kind, String detail, String resolution, Instant at) {
        String id = Ids.next("pex");
        jdbc.sql("""
                        insert into payment_exception (id, merchant_id, app_id, payment_id, attempt_id, kind, detail,
                            resolution, created_at, last_seen_at)
                        values (:id, :merchant, :app, :payment, :attempt, :kind, :detail, :resolution, :at, :at)""")
                .param("id", id)
                .param("merchant", order.merchantId().value())
                .param("app", order.appId().value())
                .param("payment", order.id().value())
                .param("attempt", attemptId.value())
                .param("kind", kind)
                .param("detail", detail)
                .param("resolution", resolution)
                .param("at", JdbcTime.at(at))
                .update();
        log.warn(
                "payment exception {} {}: payment {} attempt {}: {}",
                id,
                kind,
                order.id(),
                attemptId,
                LogValues.safe(detail, 500));
        return id;
    }

    /**
     * A verified notification that was rejected (another amount, a trade or refund this app does not have): one row
     * per trade and kind however often the channel retries it. Recorded even though the surrounding work is not done.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordRejection(AppId appId, OutTradeNo outTradeNo, String kind, String detail, Instant at) {
        sample(
                String.join(":", "trade", appId.value(), kind, outTradeNo.value()),
                appId.value(),
                outTradeNo.value(),
                kind,
                detail,
                at);
    }

    /**
     * A notification refused before it could mean anything (its form, signature, freshness or account): at most one
     * row a minute per channel, app and reason, however many come.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordRefusal(
            String channel, String appId, @Nullable String claimedAttemptId, String kind, String detail, Instant at) {
        String minute = at.truncatedTo(ChronoUnit.MINUTES).toString();
        sample(String.join(":", "refusal", channel, appId, kind, minute), appId, claimedAttemptId, kind, detail, at);
    }

    private void sample(String key, String appId, @Nullable String attemptId, String kind, String detail, Instant at) {
        int occurrences = jdbc.sql("""
                        insert into payment_exception (id, app_id, attempt_id, kind, detail, resolution, created_at,
                            last_seen_at, sample_key)
                        values (:id, :app, :attempt, :kind, :detail, 'REJECTED', :at, :at, :key)
                        on conflict (sample_key) where sample_key is not null do update
                            set occurrences = payment_exception.occurrences + 1,
                                last_seen_at = greatest(payment_exception.last_seen_at, excluded.last_seen_at)
                        returning occurrences""")
                .param("id", Ids.next("pex"))
                .param("app", appId)
                .param("attempt", attemptId)
                .param("kind", kind)
                .param("detail", detail)
                .param("at", JdbcTime.at(at))
                .param("key", key)
                .query(Integer.class)
                .single();
        if (occurrences == 1) {
            // the rest of the sample are counted on the row, not logged: a flood makes one line, not one each
            log.warn(
                    "payment exception {} for app {} (attempt {}), further ones are counted on its row: {}",
                    kind,
                    LogValues.safe(appId),
                    LogValues.safe(attemptId),
                    LogValues.safe(detail, 500));
        }
    }
}
