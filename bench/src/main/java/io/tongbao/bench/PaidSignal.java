package io.tongbao.bench;

import io.tongbao.sdk.PaymentApi;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * How the merchant learns that a payment is paid (never from the buyer's return): it polls
 * {@code GET /api/v1/payments/{id}}, or it waits for the {@code payment.succeeded} webhook.
 */
sealed interface PaidSignal permits PaidSignal.Polling, PaidSignal.Webhook {

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
}
