/**
 * Merchants (the tenants), their apps, how apps sign API requests, channel accounts (sealed) and fee rates.
 * Also the merchant API contract every other module's endpoints stand behind: signatures, replay
 * protection, idempotency keys, rate limits and the call log.
 */
@ApplicationModule(displayName = "Merchant", allowedDependencies = "shared")
package io.tongbao.merchant;

import org.springframework.modulith.ApplicationModule;
