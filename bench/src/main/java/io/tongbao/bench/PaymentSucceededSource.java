package io.tongbao.bench;

import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import io.tongbao.shared.PayWay;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes webhook events the way the payment module does: a {@code PaymentSucceeded} published in a committed
 * transaction, so that the webhook module's listener records the event, delivery and stream rows in that transaction
 * and the dispatcher sends them, exactly as for a real payment's. Only the payment's own rows are left out: this
 * measures webhooks, not payments (so the listener finds no notify URL on a payment and uses the app's).
 */
final class PaymentSucceededSource {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final OperatorApi.BenchApp app;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    PaymentSucceededSource(RunningTongbao tongbao, OperatorApi.BenchApp app) {
        this.events = tongbao.events();
        this.transactions = new TransactionTemplate(tongbao.bean(PlatformTransactionManager.class));
        this.app = app;
        this.clock = tongbao.bean(Clock.class);
    }

    /** A payment id not used before, so that a waiter can be registered before its event exists. */
    String newPaymentId() {
        return "pay_bench_" + Long.toString(sequence.incrementAndGet(), 36);
    }

    /** Publishes the payment's success and returns once its transaction committed. */
    void publish(String paymentId) {
        String n = paymentId.substring(paymentId.lastIndexOf('_') + 1);
        transactions.executeWithoutResult(status -> events.publishEvent(new PaymentSucceeded(
                paymentId,
                app.merchantId(),
                app.appId(),
                "W" + n,
                1999,
                "CNY",
                PayWay.ALIPAY_QR,
                "att_bench_" + n,
                "2026" + n,
                clock.instant())));
    }
}
