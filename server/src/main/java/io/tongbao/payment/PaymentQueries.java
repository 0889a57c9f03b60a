package io.tongbao.payment;

import io.tongbao.shared.page.Cursor;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the console reads of payments, refunds and payment exceptions; it writes nothing. Every read takes a merchant
 * scope: a merchant user's console passes its own merchant id and never sees another merchant's rows; null is the
 * operator. Lists are newest first, by keyset on (created_at, id), exceptions on (last_seen_at, id). Nothing a
 * filter holds makes an error: a value that cannot be what it filters on gives an empty page.
 */
@Service
public class PaymentQueries {

    private final ConsoleReadStore store;

    PaymentQueries(ConsoleReadStore store) {
        this.store = store;
    }

    public Page<PaymentSummary> payments(PaymentFilter filter, PageRequest page) {
        List<OrderRow> rows = filter.matchesNothing() ? List.of() : store.payments(filter, page);
        return Page.of(rows, page, PaymentQueries::cursor).map(PaymentSummary::of);
    }

    /** Empty when there is no such payment, or it is another merchant's than {@code merchantScope}. */
    @Transactional(readOnly = true)
    public Optional<PaymentDetail> payment(@Nullable String merchantScope, String paymentId) {
        if (new PaymentFilter(merchantScope, null, paymentId, null, null, null, null, null, null, null, null)
                .matchesNothing()) {
            return Optional.empty();
        }
        return store.order(merchantScope, paymentId).map(this::detail);
    }

    public Page<RefundSummary> refunds(RefundFilter filter, PageRequest page) {
        List<RefundSummary> rows = filter.matchesNothing() ? List.of() : store.refunds(filter, page);
        return Page.of(rows, page, refund -> new Cursor(refund.createdAt(), refund.id()));
    }

    /** Newest seen first: ordered by {@code last_seen_at}, so that a sampled refusal still coming stays on top. */
    public Page<PaymentExceptionView> exceptions(ExceptionFilter filter, PageRequest page) {
        List<PaymentExceptionView> rows = filter.matchesNothing() ? List.of() : store.exceptions(filter, page);
        return Page.of(rows, page, exception -> new Cursor(exception.lastSeenAt(), exception.id()));
    }

    private PaymentDetail detail(OrderRow order) {
        PaymentSummary payment = PaymentSummary.of(order);
        List<AttemptView> attempts = store.attempts(payment.id());
        List<RefundSummary> refunds = store.refundsOf(payment.id());
        List<PaymentExceptionView> exceptions = store.exceptionsOf(payment.id());
        return new PaymentDetail(
                payment,
                order.terms().description(),
                order.expiresAt(),
                order.refundable(),
                order.refundableAmount(),
                attempts,
                refunds,
                exceptions,
                Timeline.of(payment, attempts, refunds, exceptions));
    }

    private static Cursor cursor(OrderRow order) {
        return new Cursor(order.createdAt(), order.id().value());
    }
}
