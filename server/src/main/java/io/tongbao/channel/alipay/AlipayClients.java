package io.tongbao.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import io.tongbao.channel.AlipayAccount;
import io.tongbao.channel.ChannelAccounts;
import io.tongbao.channel.ChannelProperties;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One SDK client per Tongbao app, built from that app's own account. Never a shared singleton: two merchants'
 * keys can never meet in one client (seed 000's production incident). A changed account builds a new client.
 */
@Component
class AlipayClients {

    private final ChannelAccounts accounts;
    private final ChannelProperties properties;
    private final Map<String, Built> clients = new ConcurrentHashMap<>();

    AlipayClients(ChannelAccounts accounts, ChannelProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    record Built(AlipayAccount account, AlipayClient client) {}

    Built forApp(String appId) {
        AlipayAccount account = accounts.alipay(appId)
                .orElseThrow(() -> new IllegalStateException("app " + appId + " has no Alipay account"));
        return clients.compute(
                appId,
                (id, existing) ->
                        existing != null && Objects.equals(existing.account(), account) ? existing : build(account));
    }

    AlipayAccount account(String appId) {
        return accounts.alipay(appId)
                .orElseThrow(() -> new IllegalStateException("app " + appId + " has no Alipay account"));
    }

    private Built build(AlipayAccount account) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(account.gatewayUrl());
        config.setAppId(account.channelAppId());
        config.setPrivateKey(account.appPrivateKey());
        config.setAlipayPublicKey(
                account.alipayPublicKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        config.setFormat("json");
        config.setCharset("UTF-8");
        // the AlipayConfig constructor path: the short constructors would default to RSA (SHA1)
        config.setSignType("RSA2");
        config.setConnectTimeout((int) properties.connectTimeout().toMillis());
        config.setReadTimeout((int) properties.readTimeout().toMillis());
        try {
            return new Built(account, new DefaultAlipayClient(config));
        } catch (AlipayApiException e) {
            throw new IllegalStateException(
                    "cannot build the Alipay client for app " + account.appId() + ": " + e.getErrMsg(), e);
        }
    }
}
