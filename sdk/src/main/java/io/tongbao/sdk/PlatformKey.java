package io.tongbao.sdk;

/** The public half of the key Tongbao signs an RSA2 app's responses and webhooks with. */
public record PlatformKey(String appId, String algorithm, String publicKeyPem) {}
