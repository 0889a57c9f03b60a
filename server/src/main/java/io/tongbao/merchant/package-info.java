/**
 * Merchants (the tenants), their apps, how apps sign API requests (HMAC secrets, RSA platform keys, sealed), fee
 * rates and webhook signatures. Also the merchant API contract every other module's endpoints stand behind:
 * signatures, replay protection, idempotency keys, rate limits and the call log.
 */
@ApplicationModule(displayName = "Merchant", allowedDependencies = "shared")
package io.tongbao.merchant;

import org.springframework.modulith.ApplicationModule;
