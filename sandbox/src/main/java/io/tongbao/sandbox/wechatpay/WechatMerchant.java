package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.WechatPaySandbox.KeyMode;
import java.security.PublicKey;
import java.util.Set;

/**
 * A merchant registered with the sandbox.
 *
 * @param merchantSerialNo the serial of the merchant's API certificate, which its requests name in Authorization
 * @param apiV3Key         32 characters; encrypts notification resources and downloaded certificates
 * @param keyMode          which WeChat Pay key signs this merchant's notifications
 * @param keys             the WeChat Pay keys that sign what the sandbox sends this merchant
 */
record WechatMerchant(
        String mchid,
        PublicKey merchantPublicKey,
        String merchantSerialNo,
        String apiV3Key,
        Set<String> appids,
        KeyMode keyMode,
        WechatPayKeys keys) {}
