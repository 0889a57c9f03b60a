package io.tongbao.bench;

import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import io.tongbao.sdk.PaymentApi;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How the merchant learns that a payment is paid (never from the buyer's return): it polls
 * {@code GET /api/v1/payments/{id}}, or it waits for the {@code payment.succeeded} webhook. {@link Committed} is
 * not a merchant's way: it ends the round trip when the transaction that made the payment PAID commits, as seen
 * inside the application, so that the cost of the merchant's own observation can be told apart.
 */
sealed interface PaidSignal permits PaidSignal.Polling, PaidSignal.Webhook, PaidSignal.Committed {

    Duration PATIENCE = Duration.ofSeconds(30);

    /** Called when the payment exists, before the buyer pays: the webhook cannot overtake the waiter. */
    Waiter watch(String paymentId);

    /** Where to send the payment's webhook: nowhere when polling, so that no delivery competes for the cores. */
    String notifyUrl();

    @FunctionalInterface
    interface Waiter {
        void untilPaid() throws Exception;
    }

    record Polling(PaymentApi payments, Duration interval) implements PaidSignal {
        @Override
        public Waiter watch(String paymentId) {
            return () -> {
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (!"PAID".equals(payments.get(paymentId).status())) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException(paymentId + " not PAID after " + PATIENCE);
                    }
                    LockSupport.parkNanos(interval.toNanos());
                }
            };
        }

        @Override
        public String notifyUrl() {
            return null;
        }

        @Override
        public String toString() {
            return "polling GET /api/v1/payments/{id} every " + interval.toMillis() + " ms until PAID";
        }
    }

    record Webhook(WebhookReceiver receiver) implements PaidSignal {
        @Override
        public Waiter watch(String paymentId) {
            CompletableFuture<Long> arrival = receiver.expect(paymentId);
            return () -> {
                try {
                    arrival.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    receiver.forget(paymentId);
                    throw e;
                }
            };
        }

        @Override
        public String notifyUrl() {
            return receiver.url();
        }

        @Override
        public String toString() {
            return "waiting for the payment.succeeded webhook at " + receiver.url();
        }
    }

    /** Completes a waiter when the {@code PaymentSucceeded} of its payment commits; costs no request at all. */
    final class Committed implements PaidSignal {
        private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

        Committed(RunningTongbao tongbao) {
            tongbao.listen(event -> {
                if (event instanceof PayloadApplicationEvent<?> payload
                        && payload.getPayload() instanceof PaymentSucceeded succeeded) {
                    paidOnCommit(succeeded.paymentId());
                }
            });
        }

        private void paidOnCommit(String paymentId) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                paid(paymentId);
                return;
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    paid(paymentId);
                }
            });
        }

        private void paid(String paymentId) {
            CompletableFuture<Void> waiter = waiting.remove(paymentId);
            if (waiter != null) {
                waiter.complete(null);
            }
        }

        @Override
        public Waiter watch(String paymentId) {
            CompletableFuture<Void> committed = waiting.computeIfAbsent(paymentId, id -> new CompletableFuture<>());
            return () -> {
                try {
                    committed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } finally {
                    waiting.remove(paymentId);
                }
            };
        }

        @Override
        public String notifyUrl() {
            return null;
        }

        @Override
        public String toString() {
            return "until the transaction making it PAID commits (seen inside the application: no merchant request)";
        }
    }
}
