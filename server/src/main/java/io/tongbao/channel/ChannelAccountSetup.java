package io.tongbao.channel;

import io.tongbao.merchant.Tenants;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.crypto.RsaKeys;
import io.tongbao.shared.web.ApiException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks channel credentials on entry, as far as they can be checked offline, then seals and stores them. */
@Service
public class ChannelAccountSetup {

    static final String ALIPAY_GATEWAY = "https://openapi.alipay.com/gateway.do";
    static final String WECHATPAY_BASE = "https://api.mch.weixin.qq.com";

    private final Tenants tenants;
    private final ChannelAccounts accounts;
    private final Clock clock;
    private final AuditTrail audit;

    ChannelAccountSetup(Tenants tenants, ChannelAccounts accounts, Clock clock, AuditTrail audit) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.clock = clock;
        this.audit = audit;
    }

    /** As the operator sent it: any field may be missing; {@link #alipay} says which one it needs. */
    public record AlipaySetup(
            @Nullable String channelAppId,
            @Nullable String appPrivateKey,
            @Nullable String alipayPublicKey,
            @Nullable String gatewayUrl) {
        @Override
        public String toString() {
            return "AlipaySetup[channelAppId=" + channelAppId + ", appPrivateKey=****]";
        }
    }

    /** As the operator sent it: any field may be missing; {@link #wechatPay} says which one it needs. */
    public record WechatPaySetup(
            @Nullable String mchid,
            @Nullable List<String> appIds,
            @Nullable String merchantPrivateKey,
            @Nullable String merchantSerialNo,
            @Nullable String merchantCertificate,
            @Nullable String apiV3Key,
            @Nullable WechatPayKeyMode mode,
            @Nullable String wechatpayPublicKey,
            @Nullable String wechatpayPublicKeyId,
            @Nullable String baseUrl) {
        @Override
        public String toString() {
            return "WechatPaySetup[mchid=" + mchid + ", merchantPrivateKey=****, apiV3Key=****]";
        }
    }

    @Transactional
    public ChannelAccountView alipay(String appId, AlipaySetup setup) {
        String merchantId = tenants.app(appId).merchantId();
        @Nullable ChannelAccountView before = find(appId, Channel.ALIPAY);
        String channelAppId = required(setup.channelAppId(), "channel_app_id");
        if (!channelAppId.matches("\\d{16}")) {
            throw ApiException.invalid("channel_app_id", "an Alipay app id has 16 digits");
        }
        PrivateKey appKey = RsaKeys.privateKey(setup.appPrivateKey(), "app_private_key");
        PublicKey alipayKey = RsaKeys.publicKey(setup.alipayPublicKey(), "alipay_public_key");
        if (alipayKey.equals(RsaKeys.publicOf(appKey))) {
            // the SDK refuses this too: it is the app's own key, not Alipay's
            throw ApiException.invalid(
                    "alipay_public_key",
                    "is the public half of app_private_key; "
                            + "paste the Alipay public key from the Alipay open platform instead");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("channel_app_id", channelAppId);
        settings.put("alipay_public_key", RsaKeys.pem(alipayKey));
        settings.put("gateway_url", url(setup.gatewayUrl(), ALIPAY_GATEWAY, "gateway_url"));
        settings.put("sign_type", "RSA2");
        accounts.save(
                appId,
                Channel.ALIPAY,
                settings,
                Map.of("app_private_key", RsaKeys.base64(appKey)),
                OffsetDateTime.now(clock));
        return recorded(appId, merchantId, Channel.ALIPAY, before);
    }

    @Transactional
    public ChannelAccountView wechatPay(String appId, WechatPaySetup setup) {
        String merchantId = tenants.app(appId).merchantId();
        @Nullable ChannelAccountView before = find(appId, Channel.WECHATPAY);
        String mchid = required(setup.mchid(), "mchid");
        if (!mchid.matches("\\d{8,12}")) {
            throw ApiException.invalid("mchid", "a WeChat Pay merchant id has 8 to 12 digits");
        }
        List<String> appIds = setup.appIds() == null ? List.of() : setup.appIds();
        if (appIds.isEmpty() || appIds.stream().anyMatch(id -> id == null || !id.matches("wx[0-9a-zA-Z]{16}"))) {
            throw ApiException.invalid("app_ids", "give the WeChat app ids (wx + 16 characters) bound to this mchid");
        }
        PrivateKey merchantKey = RsaKeys.privateKey(setup.merchantPrivateKey(), "merchant_private_key");
        String serial = required(setup.merchantSerialNo(), "merchant_serial_no").toUpperCase(Locale.ROOT);
        if (!serial.matches("[0-9A-F]{8,40}")) {
            throw ApiException.invalid(
                    "merchant_serial_no", "is the hexadecimal serial of the merchant API certificate");
        }
        if (setup.merchantCertificate() != null && !setup.merchantCertificate().isBlank()) {
            checkCertificate(setup.merchantCertificate(), merchantKey, serial);
        }
        String apiV3Key = required(setup.apiV3Key(), "api_v3_key");
        if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            throw ApiException.invalid(
                    "api_v3_key", "must be exactly 32 bytes (the APIv3 key set in the merchant platform)");
        }
        if (setup.mode() == null) {
            throw ApiException.invalid("mode", "is required: PUBLIC_KEY or PLATFORM_CERTIFICATE");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mchid", mchid);
        settings.put("app_ids", appIds);
        settings.put("merchant_serial_no", serial);
        settings.put("mode", setup.mode().name());
        if (setup.mode() == WechatPayKeyMode.PUBLIC_KEY) {
            PublicKey wechatKey = RsaKeys.publicKey(setup.wechatpayPublicKey(), "wechatpay_public_key");
            String keyId = required(setup.wechatpayPublicKeyId(), "wechatpay_public_key_id");
            if (!keyId.startsWith("PUB_KEY_ID_")) {
                throw ApiException.invalid("wechatpay_public_key_id", "starts with PUB_KEY_ID_");
            }
            settings.put("wechatpay_public_key", RsaKeys.pem(wechatKey));
            settings.put("wechatpay_public_key_id", keyId);
        }
        settings.put("base_url", url(setup.baseUrl(), WECHATPAY_BASE, "base_url"));
        accounts.save(
                appId,
                Channel.WECHATPAY,
                settings,
                Map.of("merchant_private_key", RsaKeys.base64(merchantKey), "api_v3_key", apiV3Key),
                OffsetDateTime.now(clock));
        return recorded(appId, merchantId, Channel.WECHATPAY, before);
    }

    /** The app's channel accounts as any API shows them: settings and fingerprints, never a key. */
    public List<ChannelAccountView> views(String appId) {
        tenants.app(appId);
        return accounts.views(appId);
    }

    /** Records the saved account: its settings (public keys as fingerprints) and which keys are set, never a key. */
    private ChannelAccountView recorded(
            String appId, String merchantId, Channel channel, @Nullable ChannelAccountView before) {
        ChannelAccountView after = find(appId, channel);
        if (after == null) {
            throw new IllegalStateException("the " + channel + " account of " + appId + " was just saved");
        }
        audit.record(AuditChange.of("channel_account.saved", "app", appId)
                .merchant(merchantId)
                .summary(channel.name())
                .before(before == null ? null : audited(before))
                .after(audited(after)));
        return after;
    }

    private static Map<String, Object> audited(ChannelAccountView view) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("channel", view.channel());
        shown.put("settings", view.settings());
        shown.put(
                "keys",
                view.secrets().entrySet().stream()
                        .map(key -> key.getKey() + ": " + key.getValue())
                        .toList());
        return shown;
    }

    private @Nullable ChannelAccountView find(String appId, Channel channel) {
        return accounts.views(appId).stream()
                .filter(view -> view.channel() == channel)
                .findFirst()
                .orElse(null);
    }

    private static void checkCertificate(String pem, PrivateKey merchantKey, String serial) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw ApiException.invalid("merchant_certificate", "is not a PEM X.509 certificate");
        }
        if (!certificate.getPublicKey().equals(RsaKeys.publicOf(merchantKey))) {
            throw ApiException.invalid("merchant_certificate", "does not belong to merchant_private_key");
        }
        String certificateSerial = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        if (!certificateSerial.replaceFirst("^0+", "").equals(serial.replaceFirst("^0+", ""))) {
            throw ApiException.invalid(
                    "merchant_serial_no", "does not match the certificate's serial " + certificateSerial);
        }
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        return value.strip();
    }

    private static String url(@Nullable String value, String fallback, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            URI uri = URI.create(value.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.invalid(field, "must be an absolute http(s) URL");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "is not a URL");
        }
    }
}
