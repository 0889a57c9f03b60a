/**
 * The merchant-API gateway, in front of every {@code /api/v1} endpoint whichever module serves it: signatures,
 * replay protection (nonces, timestamps), idempotency keys, rate limits, per-source failure budgets, signed
 * responses and the call log. It binds the {@code MerchantCaller} the handlers take. From {@code merchant} it reads
 * only {@code CallerCredentials}: the app a request names, its secrets, its platform key.
 */
@ApplicationModule(
        displayName = "Gateway",
        allowedDependencies = {"merchant", "shared"})
@NullMarked
package io.tongbao.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
