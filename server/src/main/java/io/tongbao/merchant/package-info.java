/**
 * Merchants (the tenants), their apps, how apps sign API requests (HMAC secrets, RSA platform keys, sealed), fee
 * rates and webhook signatures. The merchant-API gateway reads an app's credentials through
 * {@link io.tongbao.merchant.CallerCredentials} only.
 */
@ApplicationModule(displayName = "Merchant", allowedDependencies = "shared")
@NullMarked
package io.tongbao.merchant;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
