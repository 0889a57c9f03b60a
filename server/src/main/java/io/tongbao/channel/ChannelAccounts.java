package io.tongbao.channel;

import io.tongbao.payment.spi.ChannelAccountCheck;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.shared.cache.SettingsCache;
import io.tongbao.shared.cache.SettingsCacheProperties;
import io.tongbao.shared.crypto.SealedSecrets;
import io.tongbao.shared.crypto.SecretCipher;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Channel credentials of an app: settings in clear, secrets sealed with the master key. The adapters read
 * them through here; no API ever returns the secrets (see {@link ChannelAccountView}). Read, unsealed and parsed
 * once per {@code tongbao.api.settings-cache-ttl}, not on every order and notification; a save on this node is seen
 * at once.
 */
@Service
public class ChannelAccounts implements ChannelAccountCheck, SealedSecrets {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final SettingsCache<String, AlipayAccount> alipayAccounts;
    private final SettingsCache<String, WechatPayAccount> wechatPayAccounts;

    ChannelAccounts(JdbcClient jdbc, SecretCipher cipher, ObjectMapper json, SettingsCacheProperties caches) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.alipayAccounts = caches.cache();
        this.wechatPayAccounts = caches.cache();
    }

    // a loader answering null caches nothing (Caffeine), so an app without an account is looked up again next time
    public Optional<AlipayAccount> alipay(String appId) {
        return Optional.ofNullable(
                alipayAccounts.find(appId, id -> loadAlipay(id).orElse(null)));
    }

    public Optional<WechatPayAccount> wechatPay(String appId) {
        return Optional.ofNullable(
                wechatPayAccounts.find(appId, id -> loadWechatPay(id).orElse(null)));
    }

    /** An app can use a pay way once it has an account at the pay way's channel. */
    @Override
    public boolean canUse(String appId, PayWay payWay) {
        return switch (payWay.channel()) {
            case ALIPAY -> alipay(appId).isPresent();
            case WECHATPAY -> wechatPay(appId).isPresent();
        };
    }

    private Optional<AlipayAccount> loadAlipay(String appId) {
        return stored(appId, Channel.ALIPAY)
                .map(account -> new AlipayAccount(
                        appId,
                        account.setting("channel_app_id"),
                        account.secret("app_private_key"),
                        account.setting("alipay_public_key"),
                        account.setting("gateway_url")));
    }

    private Optional<WechatPayAccount> loadWechatPay(String appId) {
        return stored(appId, Channel.WECHATPAY)
                .map(account -> new WechatPayAccount(
                        appId,
                        account.setting("mchid"),
                        account.appIds(),
                        account.secret("merchant_private_key"),
                        account.setting("merchant_serial_no"),
                        account.secret("api_v3_key"),
                        WechatPayKeyMode.valueOf(account.setting("mode")),
                        account.optionalSetting("wechatpay_public_key"),
                        account.optionalSetting("wechatpay_public_key_id"),
                        account.setting("base_url")));
    }

    void save(
            String appId,
            Channel channel,
            Map<String, Object> settings,
            Map<String, String> secrets,
            OffsetDateTime now) {
        jdbc.sql("""
                        insert into channel_account (app_id, channel, settings, secrets_enc, created_at, updated_at)
                        values (:app, :channel, cast(:settings as jsonb), :secrets, :now, :now)
                        on conflict (app_id, channel) do update
                        set settings = excluded.settings, secrets_enc = excluded.secrets_enc, updated_at = excluded.updated_at""")
                .param("app", appId)
                .param("channel", channel.name())
                .param("settings", json.writeValueAsString(settings))
                .param("secrets", cipher.encrypt(json.writeValueAsString(secrets), context(appId, channel)))
                .param("now", now)
                .update();
        switch (channel) {
            case ALIPAY -> alipayAccounts.forget(appId);
            case WECHATPAY -> wechatPayAccounts.forget(appId);
        }
    }

    List<ChannelAccountView> views(String appId) {
        return jdbc.sql(
                        "select channel, settings::text, secrets_enc, updated_at from channel_account where app_id = :app order by channel")
                .param("app", appId)
                .query((rs, row) -> {
                    Channel channel = Channel.valueOf(rs.getString(1));
                    Map<String, String> secrets = secrets(rs.getString(3), appId, channel);
                    return ChannelAccountView.of(
                            channel,
                            json.readValue(rs.getString(2), MAP),
                            secrets,
                            rs.getObject(4, OffsetDateTime.class));
                })
                .list();
    }

    @Override
    public String name() {
        return "channel_accounts";
    }

    @Override
    public int reseal() {
        List<Object[]> rows = jdbc.sql("select app_id, channel, secrets_enc from channel_account")
                .query((rs, row) -> new Object[] {rs.getString(1), Channel.valueOf(rs.getString(2)), rs.getString(3)})
                .list();
        int count = 0;
        for (Object[] row : rows) {
            String appId = (String) row[0];
            Channel channel = (Channel) row[1];
            String sealed = (String) row[2];
            if (cipher.needsReencryption(sealed)) {
                String context = context(appId, channel);
                count += jdbc.sql(
                                "update channel_account set secrets_enc = :new where app_id = :app and channel = :channel and secrets_enc = :old")
                        .param("new", cipher.encrypt(cipher.decrypt(sealed, context), context))
                        .param("app", appId)
                        .param("channel", channel.name())
                        .param("old", sealed)
                        .update();
            }
        }
        return count;
    }

    private Optional<StoredAccount> stored(String appId, Channel channel) {
        return jdbc.sql(
                        "select settings::text, secrets_enc from channel_account where app_id = :app and channel = :channel")
                .param("app", appId)
                .param("channel", channel.name())
                .query((rs, row) -> new StoredAccount(
                        json.readValue(rs.getString(1), MAP), secrets(rs.getString(2), appId, channel)))
                .optional();
    }

    private Map<String, String> secrets(String sealed, String appId, Channel channel) {
        Map<String, Object> raw = json.readValue(cipher.decrypt(sealed, context(appId, channel)), MAP);
        Map<String, String> secrets = new LinkedHashMap<>();
        raw.forEach((key, value) -> secrets.put(key, (String) value));
        return secrets;
    }

    static String context(String appId, Channel channel) {
        return "app:" + appId + ":channel:" + channel.name();
    }

    private record StoredAccount(Map<String, Object> settings, Map<String, String> secrets) {

        /** A setting every stored account has: {@link ChannelAccountSetup} refuses an account without it. */
        String setting(String name) {
            return (String) Objects.requireNonNull(settings.get(name), () -> "stored channel account lacks " + name);
        }

        /** A setting only some modes have (the WeChat Pay public key is absent in PLATFORM_CERTIFICATE mode). */
        @Nullable
        String optionalSetting(String name) {
            return (String) settings.get(name);
        }

        @SuppressWarnings("unchecked")
        List<String> appIds() {
            return (List<String>)
                    Objects.requireNonNull(settings.get("app_ids"), "stored channel account lacks app_ids");
        }

        String secret(String name) {
            return Objects.requireNonNull(secrets.get(name), () -> "stored channel account lacks " + name);
        }

        @Override
        public String toString() {
            return "StoredAccount[settings=" + settings + ", secrets=****]";
        }
    }
}
