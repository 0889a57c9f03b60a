package io.tongbao.payment;

import io.tongbao.shared.money.Money;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A payment with everything recorded about it in this module, for the console's detail page: its attempts, refunds
 * and exceptions oldest first, and a {@link #timeline} of all that, oldest first. Webhook deliveries are the webhook
 * module's to show.
 */
public record PaymentDetail(
        PaymentSummary payment,
        @Nullable String description,
        Instant expiresAt,
        boolean refundable,
        Money refundableAmount,
        List<AttemptView> attempts,
        List<RefundSummary> refunds,
        List<PaymentExceptionView> exceptions,
        List<TimelineEntry> timeline) {}
