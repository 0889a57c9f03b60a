package io.tongbao.channel;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the WeChat Pay adapter needs to act for an app. Holds a private key and the APIv3 key: never log it
 * (toString masks them). In PLATFORM_CERTIFICATE mode the public key fields are null.
 */
public record WechatPayAccount(
        String appId,
        String mchid,
        List<String> channelAppIds,
        String merchantPrivateKey,
        String merchantSerialNo,
        String apiV3Key,
        WechatPayKeyMode mode,
        @Nullable String wechatpayPublicKey,
        @Nullable String wechatpayPublicKeyId,
        String baseUrl) {

    @Override
    public String toString() {
        return "WechatPayAccount[appId=" + appId + ", mchid=" + mchid + ", mode=" + mode + ", baseUrl=" + baseUrl
                + ", merchantPrivateKey=****, apiV3Key=****]";
    }
}
