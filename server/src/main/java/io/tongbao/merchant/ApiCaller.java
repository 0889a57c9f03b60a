package io.tongbao.merchant;

import org.jspecify.annotations.Nullable;

/**
 * The app a merchant-API request names, as the signature check needs it: how it signs, whether it and its merchant
 * are active, and an RSA2 app's public key (null for an HMAC app).
 */
public record ApiCaller(
        String appId,
        String merchantId,
        SignType signType,
        Status appStatus,
        Status merchantStatus,
        @Nullable String merchantPublicKey) {}
