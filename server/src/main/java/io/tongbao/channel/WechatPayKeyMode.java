package io.tongbao.channel;

/** How Tongbao verifies WeChat Pay's responses and notifications. */
public enum WechatPayKeyMode {
    /** A WeChat Pay public key with its id {@code PUB_KEY_ID_…}: recommended for new merchants. */
    PUBLIC_KEY,
    /** Platform certificates downloaded from {@code /v3/certificates}, decrypted with the APIv3 key. */
    PLATFORM_CERTIFICATE
}
