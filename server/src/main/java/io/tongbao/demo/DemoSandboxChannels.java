package io.tongbao.demo;

import io.tongbao.channel.AlipayAccount;
import io.tongbao.channel.ChannelAccountSetup;
import io.tongbao.channel.ChannelAccounts;
import io.tongbao.channel.WechatPayAccount;
import io.tongbao.channel.WechatPayKeyMode;
import io.tongbao.sandbox.AlipaySandbox;
import io.tongbao.sandbox.WechatPaySandbox;
import io.tongbao.shared.crypto.RsaKeys;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the demo, the demo app's Alipay and WeChat Pay accounts live in the sandbox mounted in this process. The
 * sandbox makes new keys at every start, so the app registers again each time, keeping its channel ids and its own
 * keys, and takes the sandbox's new public keys.
 */
@Component
class DemoSandboxChannels {

    private static final Logger log = LoggerFactory.getLogger(DemoSandboxChannels.class);
    static final String DEMO_WECHAT_APPID = "wxd0000000000000de";

    private final ObjectProvider<AlipaySandbox> alipay;
    private final ObjectProvider<WechatPaySandbox> wechatPay;
    private final ChannelAccounts accounts;
    private final ChannelAccountSetup setup;
    private final Environment environment;

    DemoSandboxChannels(
            ObjectProvider<AlipaySandbox> alipay,
            ObjectProvider<WechatPaySandbox> wechatPay,
            ChannelAccounts accounts,
            ChannelAccountSetup setup,
            Environment environment) {
        this.alipay = alipay;
        this.wechatPay = wechatPay;
        this.accounts = accounts;
        this.setup = setup;
        this.environment = environment;
    }

    void connect(String appId) {
        AlipaySandbox alipaySandbox = alipay.getIfAvailable();
        WechatPaySandbox wechatSandbox = wechatPay.getIfAvailable();
        if (alipaySandbox == null || wechatSandbox == null) {
            log.info("Sandbox not mounted (tongbao.sandbox.enabled=false): the demo app has no channel accounts");
            return;
        }
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/sandbox";
        connectAlipay(appId, alipaySandbox, base);
        connectWechatPay(appId, wechatSandbox, base);
        log.info("Demo app {} is connected to the sandbox's Alipay and WeChat Pay at {}", appId, base);
    }

    private void connectAlipay(String appId, AlipaySandbox sandbox, String base) {
        Optional<AlipayAccount> existing = accounts.alipay(appId);
        PrivateKey appKey = existing.map(account -> RsaKeys.privateKey(account.appPrivateKey(), "app_private_key"))
                .orElseGet(() -> RsaKeys.generate().getPrivate());
        AlipaySandbox.Credentials registered = sandbox.registerApp(
                existing.map(AlipayAccount::channelAppId).orElse(null), RsaKeys.pem(RsaKeys.publicOf(appKey)));
        setup.alipay(
                appId,
                new ChannelAccountSetup.AlipaySetup(
                        registered.appId(),
                        RsaKeys.base64(appKey),
                        registered.alipayPublicKey(),
                        base + "/alipay/gateway.do"));
    }

    private void connectWechatPay(String appId, WechatPaySandbox sandbox, String base) {
        Optional<WechatPayAccount> existing = accounts.wechatPay(appId);
        PrivateKey merchantKey;
        String serial;
        if (existing.isPresent()) {
            merchantKey = RsaKeys.privateKey(existing.get().merchantPrivateKey(), "merchant_private_key");
            serial = existing.get().merchantSerialNo();
        } else {
            KeyPair keys = RsaKeys.generate();
            merchantKey = keys.getPrivate();
            byte[] serialBytes = new byte[20];
            new SecureRandom().nextBytes(serialBytes);
            serial = HexFormat.of().withUpperCase().formatHex(serialBytes);
        }
        WechatPaySandbox.Credentials registered = sandbox.registerMerchant(
                existing.map(WechatPayAccount::mchid).orElse(null),
                RsaKeys.pem(RsaKeys.publicOf(merchantKey)),
                serial,
                WechatPaySandbox.KeyMode.PUBLIC_KEY,
                List.of(DEMO_WECHAT_APPID),
                existing.map(WechatPayAccount::apiV3Key).orElse(null));
        setup.wechatPay(
                appId,
                new ChannelAccountSetup.WechatPaySetup(
                        registered.mchid(),
                        registered.appids(),
                        RsaKeys.base64(merchantKey),
                        serial,
                        null,
                        registered.apiV3Key(),
                        WechatPayKeyMode.PUBLIC_KEY,
                        registered.wechatpayPublicKeyPem(),
                        registered.wechatpayPublicKeyId(),
                        base + "/wechatpay"));
    }
}
