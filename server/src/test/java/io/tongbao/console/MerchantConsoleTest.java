package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.platform.Role;
import io.tongbao.sdk.AppInfo;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The merchants and apps pages over HTTP: an operator onboards in the console (audited), a rotated secret is shown
 * once and signs calls, merchant staff reach their own apps only, channel keys by a merchant only when allowed, and a
 * refused form changes nothing.
 */
@TongbaoTest
class MerchantConsoleTest {

    private static final Pattern SECRET = Pattern.compile("id=\"hmac-secret\">(sk_[^<]+)<");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    ConsoleUsers users;
    OperatorClient operatorApi;

    @BeforeEach
    void setUp() {
        users = new ConsoleUsers(jdbc, passwords);
        operatorApi = new OperatorClient(port, jdbc, passwords);
    }

    @Test
    void anOperatorCreatesAMerchantAndAnAppInTheConsoleAndBothAreAudited() {
        ConsoleSession admin = loggedIn(Role.ADMIN, null);
        admin.get("/console/merchants");
        HttpResponse<String> created = admin.post("/console/merchants", Map.of("name", "Console Tea House"));
        assertThat(created.statusCode()).isEqualTo(302);
        String merchantPath = location(created);
        assertThat(merchantPath).contains("/console/merchants/mch");
        String merchantId = merchantPath.substring(merchantPath.lastIndexOf('/') + 1);

        assertThat(admin.get("/console/merchants?q=tea%20house").body())
                .contains(merchantId)
                .contains("Console Tea House");
        assertThat(admin.get("/console/merchants?status=SUSPENDED&q=tea%20house")
                        .body())
                .doesNotContain(merchantId);

        admin.get("/console/merchants/" + merchantId);
        HttpResponse<String> app = admin.post(
                "/console/merchants/" + merchantId + "/apps",
                Map.of("name", "Counter", "sign_type", "HMAC_SHA256", "notify_url", "https://tea.example/hooks"));
        assertThat(app.statusCode()).isEqualTo(200);
        Matcher secret = SECRET.matcher(app.body());
        assertThat(secret.find()).as("the new app's secret is on the answer").isTrue();
        String appId = jdbc.sql("select id from app where merchant_id = :merchant")
                .param("merchant", merchantId)
                .query(String.class)
                .single();

        assertThat(auditActions(merchantId)).contains("merchant.created", "app.created");
        assertThat(admin.get("/console/merchants/" + merchantId).body()).contains(appId);
        assertThat(admin.get("/console/apps/" + appId).body())
                .contains("https://tea.example/hooks")
                .doesNotContain(secret.group(1));

        admin.post("/console/merchants/" + merchantId + "/suspend", Map.of());
        assertThat(jdbc.sql("select status from merchant where id = :id")
                        .param("id", merchantId)
                        .query(String.class)
                        .single())
                .isEqualTo("SUSPENDED");
        assertThat(auditActions(merchantId)).contains("merchant.suspended");
    }

    @Test
    void aRotatedSecretIsShownOnceAndSignsTheNextCall() {
        String merchantId = operatorApi.createMerchant("Rotating Noodles");
        OperatorClient.HmacApp app = operatorApi.createHmacApp(merchantId);
        ConsoleSession owner = loggedIn(Role.OWNER, merchantId);

        owner.get("/console/apps/" + app.appId());
        HttpResponse<String> rotated = owner.post("/console/apps/" + app.appId() + "/hmac-secret", Map.of());
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        Matcher secret = SECRET.matcher(rotated.body());
        assertThat(secret.find()).isTrue();
        String newSecret = secret.group(1);
        assertThat(newSecret).isNotEqualTo(app.secret());

        assertThat(owner.get("/console/apps/" + app.appId()).body()).doesNotContain(newSecret);
        AppInfo seen = sdk(app.appId(), newSecret).currentApp();
        assertThat(seen.appId()).isEqualTo(app.appId());
        assertThatThrownBy(() -> sdk(app.appId(), "sk_" + "x".repeat(40)).currentApp())
                .isInstanceOf(TongbaoException.class);
        assertThat(auditActions(merchantId)).contains("app.hmac_secret.rotated");
    }

    @Test
    void aMerchantsOwnerNeverReachesAnotherMerchantsApp() {
        String merchantA = operatorApi.createMerchant("Merchant A");
        String merchantB = operatorApi.createMerchant("Merchant B");
        operatorApi.createHmacApp(merchantA);
        OperatorClient.HmacApp appOfB = operatorApi.createHmacApp(merchantB);
        operatorApi.put(
                "/api/operator/apps/" + appOfB.appId() + "/notify-url", Map.of("notify_url", "https://b.example/n"));
        allowSelfService(merchantB);
        ConsoleSession ownerOfA = loggedIn(Role.OWNER, merchantA);

        HttpResponse<String> page = ownerOfA.get("/console/apps/" + appOfB.appId());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("https://b.example/n");
        assertThat(ownerOfA.get("/console/apps").body()).doesNotContain(appOfB.appId());
        assertThat(ownerOfA.get("/console/apps/" + appOfB.appId() + "/platform-key")
                        .statusCode())
                .isEqualTo(404);
        assertThat(ownerOfA.get("/console/merchants/" + merchantB).statusCode()).isEqualTo(403);

        ownerOfA.get("/console/apps");
        String app = "/console/apps/" + appOfB.appId();
        assertThat(ownerOfA.post(app + "/notify-url", Map.of("notify_url", "https://a.example/stolen"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(ownerOfA.post(app + "/hmac-secret", Map.of()).statusCode()).isEqualTo(404);
        assertThat(ownerOfA.post(app + "/channels/alipay", alipayForm()).statusCode())
                .isEqualTo(404);
        assertThat(ownerOfA.post(app + "/webhook-schedule", Map.of("retry_schedule", "1s"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(ownerOfA.post(app + "/suspend", Map.of()).statusCode()).isIn(403, 404);

        assertThat(jdbc.sql("select notify_url || ' ' || status from app where id = :id")
                        .param("id", appOfB.appId())
                        .query(String.class)
                        .single())
                .isEqualTo("https://b.example/n ACTIVE");
        assertThat(jdbc.sql("select count(*) from app_hmac_secret where app_id = :id")
                        .param("id", appOfB.appId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(channelAccounts(appOfB.appId())).isZero();
        // B's own app still answers with B's original secret
        assertThat(sdk(appOfB.appId(), appOfB.secret()).currentApp().merchantId())
                .isEqualTo(merchantB);
    }

    @Test
    void aMerchantsOwnerUploadsChannelKeysOnlyWhileTheOperatorAllowsIt() {
        String merchantId = operatorApi.createMerchant("Self Service Bakery");
        OperatorClient.HmacApp app = operatorApi.createHmacApp(merchantId);
        ConsoleSession owner = loggedIn(Role.OWNER, merchantId);
        String appPage = "/console/apps/" + app.appId();

        assertThat(owner.get(appPage).body()).doesNotContain("alipay-form").contains("self-service-off");
        HttpResponse<String> refused = owner.post(appPage + "/channels/alipay", alipayForm());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(channelAccounts(app.appId())).isZero();

        ConsoleSession admin = loggedIn(Role.ADMIN, null);
        admin.get("/console/merchants/" + merchantId);
        assertThat(admin.post("/console/merchants/" + merchantId + "/channel-self-service", Map.of("allowed", "true"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(auditActions(merchantId)).contains("merchant.channel_self_service.changed");

        assertThat(owner.get(appPage).body()).contains("alipay-form").contains("wechatpay-form");
        Map<String, String> keys = alipayForm();
        HttpResponse<String> saved = owner.post(appPage + "/channels/alipay", keys);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(channelAccounts(app.appId())).isEqualTo(1);
        assertThat(auditActions(merchantId)).contains("channel_account.saved");
        String shown = owner.get(appPage).body();
        assertThat(shown).contains("2021000000000017").contains("SHA256:");
        assertThat(shown)
                .as("never the key itself")
                .doesNotContain(keys.get("app_private_key").substring(40, 80));

        // a bad key is refused beside its field, and the saved account stays as it was
        owner.get(appPage);
        Map<String, String> badKey = new java.util.HashMap<>(alipayForm());
        badKey.put("app_private_key", "not a key");
        HttpResponse<String> bad = owner.post(appPage + "/channels/alipay", badKey);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).containsPattern(invalidField("app_private_key"));
        assertThat(channelAccounts(app.appId())).isEqualTo(1);

        admin.get("/console/merchants/" + merchantId);
        admin.post("/console/merchants/" + merchantId + "/channel-self-service", Map.of("allowed", "false"));
        owner.get(appPage);
        assertThat(owner.post(appPage + "/channels/alipay", alipayForm()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aBadNotifyUrlIsShownBesideTheFieldAndChangesNothing() {
        String merchantId = operatorApi.createMerchant("Careful Florist");
        OperatorClient.HmacApp app = operatorApi.createHmacApp(merchantId);
        ConsoleSession developer = loggedIn(Role.DEVELOPER, merchantId);
        String appPage = "/console/apps/" + app.appId();
        developer.get(appPage);
        assertThat(developer
                        .post(appPage + "/notify-url", Map.of("notify_url", "https://flowers.example/hook"))
                        .statusCode())
                .isEqualTo(302);
        long audited = auditActions(merchantId).stream()
                .filter("app.notify_url.changed"::equals)
                .count();

        developer.get(appPage);
        HttpResponse<String> refused =
                developer.post(appPage + "/notify-url", Map.of("notify_url", "ftp://user:pw@flowers.example"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).containsPattern(invalidField("notify_url")).contains("请填写完整的 http(s) 地址");
        assertThat(jdbc.sql("select notify_url from app where id = :id")
                        .param("id", app.appId())
                        .query(String.class)
                        .single())
                .isEqualTo("https://flowers.example/hook");
        assertThat(auditActions(merchantId).stream()
                        .filter("app.notify_url.changed"::equals)
                        .count())
                .isEqualTo(audited);
    }

    @Test
    void feeRatesAreOperatorsToSetAndShownAsPercentages() {
        String merchantId = operatorApi.createMerchant("Fee Shop");
        OperatorClient.HmacApp app = operatorApi.createHmacApp(merchantId);
        ConsoleSession finance = loggedIn(Role.FINANCE, null);
        String appPage = "/console/apps/" + app.appId();
        finance.get(appPage);
        assertThat(finance.post(appPage + "/fee-rates", Map.of("rate_ALIPAY_PC", "0.6", "rate_WECHAT_NATIVE", "0.38"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(operatorApi
                        .get("/api/operator/apps/" + app.appId() + "/fee-rates")
                        .raw())
                .contains("\"ALIPAY_PC\":6000")
                .contains("\"WECHAT_NATIVE\":3800");
        finance.get(appPage);
        assertThat(finance.post(appPage + "/fee-rates", Map.of("rate_ALIPAY_PC", "abc"))
                        .statusCode())
                .isEqualTo(400);

        ConsoleSession owner = loggedIn(Role.OWNER, merchantId);
        assertThat(owner.get(appPage).body()).contains("0.6 %").doesNotContain("name=\"rate_ALIPAY_PC\"");
        assertThat(owner.post(appPage + "/fee-rates", Map.of("rate_ALIPAY_PC", "0"))
                        .statusCode())
                .isEqualTo(403);
    }

    private ConsoleSession loggedIn(Role role, String merchantId) {
        ConsoleSession session = new ConsoleSession(port);
        session.login(users.create(role, merchantId), ConsoleUsers.PASSWORD);
        return session;
    }

    /** The form field named so, marked invalid (the class comes before the name in the templates). */
    private static String invalidField(String name) {
        return "<(input|textarea|select)[^>]*is-invalid[^>]*name=\"" + name + "\"";
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private void allowSelfService(String merchantId) {
        jdbc.sql("update merchant set channel_self_service = true where id = :id")
                .param("id", merchantId)
                .update();
    }

    private TongbaoClient sdk(String appId, String secret) {
        return TongbaoClient.builder()
                .baseUrl(operatorApi.baseUrl())
                .appId(appId)
                .hmacSecret(secret)
                .maxRetries(0)
                .build();
    }

    private List<String> auditActions(String merchantId) {
        return jdbc.sql("select action from audit_entry where merchant_id = :merchant order by id")
                .param("merchant", merchantId)
                .query(String.class)
                .list();
    }

    private int channelAccounts(String appId) {
        return jdbc.sql("select count(*) from channel_account where app_id = :app")
                .param("app", appId)
                .query(Integer.class)
                .single();
    }

    private static Map<String, String> alipayForm() {
        return Map.of(
                "channel_app_id",
                "2021000000000017",
                "app_private_key",
                Base64.getEncoder()
                        .encodeToString(OperatorClient.rsaKeyPair().getPrivate().getEncoded()),
                "alipay_public_key",
                Base64.getEncoder()
                        .encodeToString(OperatorClient.rsaKeyPair().getPublic().getEncoded()));
    }
}
