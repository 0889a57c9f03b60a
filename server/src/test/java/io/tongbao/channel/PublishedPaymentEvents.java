package io.tongbao.channel;

import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the {@code PaymentSucceeded} events whose transaction committed, per payment: exactly-once settlement means
 * exactly one, however many notifications and queries reported the payment.
 */
class PublishedPaymentEvents {

    private final Map<String, AtomicInteger> succeeded = new ConcurrentHashMap<>();

    @EventListener
    void on(PaymentSucceeded event) {
        Runnable count = () -> succeeded
                .computeIfAbsent(event.paymentId(), id -> new AtomicInteger())
                .incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    int succeeded(String paymentId) {
        AtomicInteger count = succeeded.get(paymentId);
        return count == null ? 0 : count.get();
    }
}
