package io.tongbao.payment;

import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.log.LogValues;
import io.tongbao.shared.time.JdbcTime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * its {@code occurrences} counting how many came (V20261203_1610__payment_exception_sampling.sql). The console
 * resolves an exception once, by {@link #accept} or {@link #refund} (V20261203_2210__exception_resolution.sql),
 * recorded in the audit trail in the same transaction.
 */
@Component
public class PaymentExceptions {

    private static final Logger log = LoggerFactory.getLogger(PaymentExceptions.class);

    /** Real money that reached a payment that should not have taken it: what {@link #refund} gives back. */
    private static final Set<String> REFUNDABLE_KINDS = Set.of("SURPLUS_PAYMENT", "PAID_AFTER_CLOSE");

    private static final int MAX_NOTE = 1000;

    private final JdbcClient jdbc;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final AuditTrail audit;
    private final Clock clock;

    PaymentExceptions(JdbcClient jdbc, PaymentStore payments, RefundStore refunds, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.refunds = refunds;
        this.audit = audit;
        this.clock = clock;
    }

    /** What resolving an exception did. */
    public enum Resolution {
        /** Marked resolved now. */
        RESOLVED,
        /** Marked resolved now, and its money is being refunded to the buyer (the janitor submits the refund). */
        REFUNDING,
        /** Someone resolved it before: nothing was done. */
        ALREADY_RESOLVED,
        /** No such exception, or another merchant's than the scope. */
        NOT_FOUND,
        /** Its money cannot be refunded: no payment was taken, or Tongbao refunds it automatically already. */
        NOT_REFUNDABLE
    }

    /**
     * The operator (or the merchant, within {@code merchantScope}; null is the operator) has seen the exception and
     * accepts it as it is. Once: a second accept answers {@link Resolution#ALREADY_RESOLVED} and changes nothing.
     */
    @Transactional
    public Resolution accept(@Nullable String merchantScope, String exceptionId, String note, String resolvedBy) {
        return resolve(merchantScope, exceptionId, note, resolvedBy, "payment_exception.accepted");
    }

    private Resolution resolve(
            @Nullable String merchantScope, String exceptionId, String note, String resolvedBy, String auditAction) {
        if (!isReference(merchantScope, exceptionId)) {
            return Resolution.NOT_FOUND;
        }
        String kept = note(note);
        Optional<Resolved> resolved = jdbc.sql("""
                        update payment_exception
                        set resolved_at = :now, resolved_by = :by, resolution_note = :note
                        where id = :id and resolved_at is null
                          and (cast(:merchant as text) is null or merchant_id = :merchant)
                        returning merchant_id, payment_id, kind""")
                .param("now", JdbcTime.at(clock.instant()))
                .param("by", requireActor(resolvedBy))
                .param("note", kept)
                .param("id", exceptionId)
                .param("merchant", merchantScope)
                .query((rs, row) ->
                        new Resolved(rs.getString("merchant_id"), rs.getString("payment_id"), rs.getString("kind")))
                .optional();
        if (resolved.isEmpty()) {
            return whyUnchanged(merchantScope, exceptionId);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", resolved.get().kind());
        after.put(
                "payment_id",
                resolved.get().paymentId() == null ? "" : resolved.get().paymentId());
        after.put("note", kept);
        audit.record(AuditChange.of(auditAction, "payment_exception", exceptionId)
                .merchant(resolved.get().merchantId())
                .after(after));
        return Resolution.RESOLVED;
    }

    /** What a resolved exception was about, for its audit entry. */
    private record Resolved(
            @Nullable String merchantId, @Nullable String paymentId, String kind) {}

    /**
     * Resolves an exception whose money was kept for the operator (a surplus payment, a payment after the close,
     * under the surplus policy HOLD) by refunding all of the attempt that took it: the same automatic refund the
     * REFUND policy makes at once, numbered after the attempt so that there is at most one. It is stored
     * unsubmitted; the janitor's next pass asks the channel, as for the policy's own refunds. Once, as
     * {@link #accept}.
     */
    @Transactional
    public Resolution refund(@Nullable String merchantScope, String exceptionId, String note, String resolvedBy) {
        Optional<PaymentExceptionView> found =
                isReference(merchantScope, exceptionId) ? find(merchantScope, exceptionId) : Optional.empty();
        if (found.isEmpty()) {
            return Resolution.NOT_FOUND;
        }
        PaymentExceptionView exception = found.get();
        String paymentId = exception.paymentId();
        String attemptId = exception.attemptId();
        if (exception.resolved()) {
            return Resolution.ALREADY_RESOLVED;
        }
        if (!REFUNDABLE_KINDS.contains(exception.kind())
                || !"HELD_FOR_OPERATOR".equals(exception.resolution())
                || paymentId == null
                || attemptId == null) {
            return Resolution.NOT_REFUNDABLE;
        }
        Resolution accepted = resolve(merchantScope, exceptionId, note, resolvedBy, "payment_exception.refunded");
        if (accepted != Resolution.RESOLVED) {
            return accepted;
        }
        OrderRow order = payments.lockOrder(PaymentId.of(paymentId));
        AttemptRow attempt = payments.attempt(AttemptId.of(attemptId)).orElseThrow();
        // false: the attempt's automatic refund exists already (the policy changed in between): its money goes back
        refunds.insert(NewRefund.automatic(order, attempt, exception.kind(), clock.instant()), null);
        return Resolution.REFUNDING;
    }

    /** Whether the ids can be what they name: anything else (a NUL, which PostgreSQL refuses) is not found. */
    private static boolean isReference(@Nullable String merchantScope, String exceptionId) {
        return Ids.isMinted(exceptionId, "pex")
                && (merchantScope == null || MerchantId.parse(merchantScope).isPresent());
    }

    private Resolution whyUnchanged(@Nullable String merchantScope, String exceptionId) {
        return find(merchantScope, exceptionId)
                .map(exception -> Resolution.ALREADY_RESOLVED)
                .orElse(Resolution.NOT_FOUND);
    }

    private Optional<PaymentExceptionView> find(@Nullable String merchantScope, String exceptionId) {
        return jdbc.sql("""
                        select * from payment_exception
                        where id = :id and (cast(:merchant as text) is null or merchant_id = :merchant)""")
                .param("id", exceptionId)
                .param("merchant", merchantScope)
                .query(PaymentExceptionView::read)
                .optional();
    }

    private static String requireActor(String resolvedBy) {
        if (resolvedBy.isBlank()) {
            throw new IllegalArgumentException("who resolves an exception is recorded: resolvedBy is required");
        }
        return LogValues.safe(resolvedBy.strip(), 200);
    }

    /** Kept as typed, less what PostgreSQL refuses (NUL) and what would not fit a page. */
    private static String note(String note) {
        String kept = note.strip().replace("\0", "");
        return kept.length() > MAX_NOTE ? kept.substring(0, MAX_NOTE) : kept;
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
