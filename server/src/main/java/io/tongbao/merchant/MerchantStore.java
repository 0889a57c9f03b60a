package io.tongbao.merchant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Merchants and apps in SQL. Status changes are guarded: they happen only from the expected state. */
@Repository
class MerchantStore {

    private final JdbcClient jdbc;
    private final ApiCredentials credentials;

    MerchantStore(JdbcClient jdbc, ApiCredentials credentials) {
        this.jdbc = jdbc;
        this.credentials = credentials;
    }

    void insert(Merchant merchant) {
        jdbc.sql(
                        "insert into merchant (id, name, status, created_at, updated_at) values (:id, :name, :status, :at, :at)")
                .param("id", merchant.id())
                .param("name", merchant.name())
                .param("status", merchant.status().name())
                .param("at", merchant.createdAt())
                .update();
    }

    Optional<Merchant> merchant(String id) {
        return jdbc.sql("select id, name, status, created_at from merchant where id = :id")
                .param("id", id)
                .query(MerchantStore::merchant)
                .optional();
    }

    List<Merchant> merchants(int limit) {
        return jdbc.sql("select id, name, status, created_at from merchant order by created_at desc, id limit :limit")
                .param("limit", limit)
                .query(MerchantStore::merchant)
                .list();
    }

    boolean changeMerchantStatus(String id, Status from, Status to, OffsetDateTime at) {
        boolean changed =
                jdbc.sql("update merchant set status = :to, updated_at = :at where id = :id and status = :from")
                                .param("id", id)
                                .param("from", from.name())
                                .param("to", to.name())
                                .param("at", at)
                                .update()
                        == 1;
        credentials.forgetAll();
        return changed;
    }

    boolean channelSelfService(String merchantId) {
        return jdbc.sql("select channel_self_service from merchant where id = :id")
                .param("id", merchantId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    void changeChannelSelfService(String merchantId, boolean allowed, OffsetDateTime at) {
        jdbc.sql("update merchant set channel_self_service = :allowed, updated_at = :at where id = :id")
                .param("allowed", allowed)
                .param("at", at)
                .param("id", merchantId)
                .update();
    }

    void insert(
            App app,
            @Nullable String merchantPublicKey,
            @Nullable String platformPublicKey,
            @Nullable String platformPrivateKeyEnc) {
        jdbc.sql("""
                        insert into app (id, merchant_id, name, notify_url, status, sign_type, merchant_public_key,
                                         platform_public_key, platform_private_key_enc, created_at, updated_at)
                        values (:id, :merchant, :name, :notify, :status, :signType, :merchantKey,
                                :platformKey, :platformPrivate, :at, :at)""")
                .param("id", app.id())
                .param("merchant", app.merchantId())
                .param("name", app.name())
                .param("notify", app.notifyUrl())
                .param("status", app.status().name())
                .param("signType", app.signType().name())
                .param("merchantKey", merchantPublicKey)
                .param("platformKey", platformPublicKey)
                .param("platformPrivate", platformPrivateKeyEnc)
                .param("at", app.createdAt())
                .update();
    }

    Optional<App> app(String id) {
        return jdbc.sql(APP_COLUMNS + " where id = :id")
                .param("id", id)
                .query(MerchantStore::app)
                .optional();
    }

    List<App> appsOf(String merchantId) {
        return jdbc.sql(APP_COLUMNS + " where merchant_id = :merchant order by created_at, id")
                .param("merchant", merchantId)
                .query(MerchantStore::app)
                .list();
    }

    Optional<App> firstAppOfMerchantNamed(String merchantName) {
        return jdbc.sql("""
                        select a.id, a.merchant_id, a.name, a.notify_url, a.status, a.sign_type, a.created_at
                        from app a join merchant m on m.id = a.merchant_id
                        where m.name = :name order by a.created_at limit 1""")
                .param("name", merchantName)
                .query(MerchantStore::app)
                .optional();
    }

    boolean changeAppStatus(String id, Status from, Status to, OffsetDateTime at) {
        boolean changed = jdbc.sql("update app set status = :to, updated_at = :at where id = :id and status = :from")
                        .param("id", id)
                        .param("from", from.name())
                        .param("to", to.name())
                        .param("at", at)
                        .update()
                == 1;
        credentials.forget(id);
        return changed;
    }

    void replaceMerchantPublicKey(String appId, String pem, OffsetDateTime at) {
        jdbc.sql("update app set merchant_public_key = :pem, updated_at = :at where id = :id")
                .param("pem", pem)
                .param("at", at)
                .param("id", appId)
                .update();
        credentials.forget(appId);
    }

    void changeNotifyUrl(String appId, @Nullable String notifyUrl, OffsetDateTime at) {
        jdbc.sql("update app set notify_url = :url, updated_at = :at where id = :id")
                .param("url", notifyUrl)
                .param("at", at)
                .param("id", appId)
                .update();
    }

    Optional<String> platformPublicKey(String appId) {
        return jdbc.sql("select platform_public_key from app where id = :id and platform_public_key is not null")
                .param("id", appId)
                .query(String.class)
                .optional();
    }

    Optional<String> merchantPublicKey(String appId) {
        return jdbc.sql("select merchant_public_key from app where id = :id and merchant_public_key is not null")
                .param("id", appId)
                .query(String.class)
                .optional();
    }

    private static final String APP_COLUMNS =
            "select id, merchant_id, name, notify_url, status, sign_type, created_at from app";

    private static Merchant merchant(ResultSet rs, int row) throws SQLException {
        return new Merchant(
                rs.getString("id"),
                rs.getString("name"),
                Status.valueOf(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private static App app(ResultSet rs, int row) throws SQLException {
        return new App(
                rs.getString("id"),
                rs.getString("merchant_id"),
                rs.getString("name"),
                rs.getString("notify_url"),
                Status.valueOf(rs.getString("status")),
                SignType.valueOf(rs.getString("sign_type")),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
