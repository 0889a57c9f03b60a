/**
 * Signed webhooks to merchants: events recorded from the other modules' events (payment, ledger), delivered to the
 * notify URL and retried for about a day, with every attempt on record, manual resend, and an events API to catch up
 * from; and, when configured, the same events forwarded to RabbitMQ and Kafka ({@code webhook.stream}). Of the
 * payment and ledger modules it uses only their event types.
 */
@ApplicationModule(
        displayName = "Webhook",
        allowedDependencies = {"merchant", "shared", "payment", "ledger"})
@NullMarked
package io.tongbao.webhook;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
