package io.tongbao.bench;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.shared.web.MerchantCaller;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The operator API over HTTP, as a bench operator: onboards merchants and apps the way production does, so that
 * the merchant calls afterwards are signed and verified exactly as a merchant's are.
 */
final class OperatorApi {

    private static final String OPERATOR = "bench-operator";

    private final JsonHttp http;

    private OperatorApi(JsonHttp http) {
        this.http = http;
    }

    /** Creates the bench operator's account (there is no API for the first operator) and logs in with it. */
    static OperatorApi open(RunningTongbao tongbao) {
        String password =
                "bench-operator-password-" + ThreadLocalRandom.current().nextLong();
        tongbao.bean(JdbcClient.class)
                .sql("""
                        insert into console_user (username, password_hash, created_at, password_changed_at, kind, role)
                        values (:user, :hash, :now, :now, 'OPERATOR', 'ADMIN')""")
                .param("user", OPERATOR)
                .param("hash", tongbao.bean(PasswordEncoder.class).encode(password))
                .param("now", OffsetDateTime.now())
                .update();
        return new OperatorApi(JsonHttp.basicAuth(tongbao.baseUrl(), OPERATOR, password));
    }

    /** A merchant with one HMAC app, and the SDK client that app's developer would build. */
    BenchApp onboardHmacApp(String merchantName, String baseUrl) {
        String merchantId = http.post("/api/operator/merchants", Map.of("name", merchantName))
                .get("id")
                .asString();
        JsonNode app = http.post(
                "/api/operator/merchants/" + merchantId + "/apps",
                Map.of("name", merchantName, "sign_type", "HMAC_SHA256"));
        String appId = app.get("app").get("id").asString();
        TongbaoClient sdk = TongbaoClient.builder()
                .baseUrl(baseUrl)
                .appId(appId)
                .hmacSecret(app.get("hmac_secret").asString())
                .maxRetries(0)
                .build();
        return new BenchApp(
                new MerchantCaller(merchantId, appId),
                sdk,
                app.get("hmac_secret").asString());
    }

    /** The app's default notify URL, where its webhooks go when a payment names none. */
    void setNotifyUrl(String appId, String url) {
        http.put("/api/operator/apps/" + appId + "/notify-url", Map.of("notify_url", url));
    }

    void configureAlipay(String appId, Map<String, String> account) {
        http.put("/api/operator/apps/" + appId + "/channels/alipay", account);
    }

    record BenchApp(MerchantCaller caller, TongbaoClient sdk, String hmacSecret) {
        @Override
        public String toString() {
            return "BenchApp[" + caller + ", hmacSecret=***]";
        }

        String appId() {
            return caller.appId();
        }

        String merchantId() {
            return caller.merchantId();
        }
    }
}
