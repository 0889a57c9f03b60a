package io.tongbao.merchant;

/** How an app signs its API requests, chosen when the app is created. */
public enum SignType {
    /** SHA256withRSA with the merchant's key; Tongbao answers with the app's platform key. */
    RSA2,
    /** HMAC-SHA256 with a shared secret, rotatable with an overlap window. */
    HMAC_SHA256
}
