/**
 * Signed webhooks to merchants: events recorded from the other modules' events, delivered to the notify URL and
 * retried for about a day, with every attempt on record, manual resend, and an events API to catch up from.
 */
@ApplicationModule(displayName = "Webhook", allowedDependencies = {"merchant", "shared", "payment"})
package io.tongbao.webhook;

import org.springframework.modulith.ApplicationModule;
