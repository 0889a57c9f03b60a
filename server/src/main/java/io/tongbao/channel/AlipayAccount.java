package io.tongbao.channel;

/**
 * What the Alipay adapter needs to act for an app. Holds a private key: never log it (toString masks it).
 *
 * @param channelAppId the app id Alipay assigned (not Tongbao's app id)
 */
public record AlipayAccount(
        String appId, String channelAppId, String appPrivateKey, String alipayPublicKey, String gatewayUrl) {

    @Override
    public String toString() {
        return "AlipayAccount[appId=" + appId + ", channelAppId=" + channelAppId + ", gatewayUrl=" + gatewayUrl
                + ", appPrivateKey=****]";
    }
}
