package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class ChannelAccountSetupTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ChannelAccounts accounts;

    OperatorClient operator;
    String appId;
    final KeyPair appKeys = OperatorClient.rsaKeyPair();
    final KeyPair alipayKeys = OperatorClient.rsaKeyPair();

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        appId = operator.createHmacApp(operator.createMerchant("channel merchant"))
                .appId();
    }

    @Test
    void anAlipayAccountIsSealedAndShownMasked() {
        String privateKey = base64(appKeys.getPrivate().getEncoded());

        OperatorClient.Response saved = operator.put(
                "/api/operator/apps/" + appId + "/channels/alipay",
                alipay(privateKey, base64(alipayKeys.getPublic().getEncoded())));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.raw())
                .doesNotContain(privateKey.substring(100, 160))
                .contains("\"app_private_key\":\"set (public half SHA256:");
        assertThat(operator.get("/api/operator/apps/" + appId + "/channels").raw())
                .doesNotContain(privateKey.substring(100, 160))
                .contains("2021000000000001");
        String stored = jdbc.sql("select secrets_enc from channel_account where app_id = :app")
                .param("app", appId)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("tbk1:").doesNotContain(privateKey.substring(100, 160));
        AlipayAccount account = accounts.alipay(appId).orElseThrow();
        assertThat(account.appPrivateKey()).isEqualTo(privateKey);
        assertThat(account.gatewayUrl()).isEqualTo("https://openapi.alipay.com/gateway.do");
        assertThat(account.toString()).doesNotContain(privateKey.substring(100, 160));
    }

    @Test
    void theAppsOwnPublicKeyIsRefusedAsTheAlipayKey() {
        OperatorClient.Response refused = operator.put(
                "/api/operator/apps/" + appId + "/channels/alipay",
                alipay(
                        base64(appKeys.getPrivate().getEncoded()),
                        base64(appKeys.getPublic().getEncoded())));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asString()).startsWith("alipay_public_key:");
    }

    @Test
    void aKeyThatDoesNotParseIsRefusedNamingTheField() {
        OperatorClient.Response refused = operator.put(
                "/api/operator/apps/" + appId + "/channels/alipay",
                alipay("not a key", base64(alipayKeys.getPublic().getEncoded())));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(refused.body().get("message").asString()).startsWith("app_private_key:");
    }

    @Test
    void aWechatPayAccountInPublicKeyModeIsSealedAndReadBack() {
        String apiV3Key = "0123456789abcdefghijklmnopqrstuv";
        String merchantKey = base64(appKeys.getPrivate().getEncoded());

        OperatorClient.Response saved =
                operator.put("/api/operator/apps/" + appId + "/channels/wechatpay", wechat(merchantKey, apiV3Key));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.raw()).doesNotContain(apiV3Key).doesNotContain(merchantKey.substring(100, 160));
        WechatPayAccount account = accounts.wechatPay(appId).orElseThrow();
        assertThat(account.apiV3Key()).isEqualTo(apiV3Key);
        assertThat(account.mode()).isEqualTo(WechatPayKeyMode.PUBLIC_KEY);
        assertThat(account.channelAppIds()).containsExactly("wx1234567890abcdef");
        assertThat(account.toString()).doesNotContain(apiV3Key);
    }

    @Test
    void anApiV3KeyOfTheWrongLengthIsRefused() {
        OperatorClient.Response refused = operator.put(
                "/api/operator/apps/" + appId + "/channels/wechatpay",
                wechat(base64(appKeys.getPrivate().getEncoded()), "too-short"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asString()).startsWith("api_v3_key:");
    }

    @Test
    void feeRatesAreStoredPerPayWayAndValidated() {
        OperatorClient.Response saved = operator.put(
                "/api/operator/apps/" + appId + "/fee-rates",
                Map.of("rates", Map.of("ALIPAY_QR", 6000, "WECHAT_NATIVE", 3800)));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(operator.get("/api/operator/apps/" + appId + "/fee-rates")
                        .body()
                        .get("rates")
                        .get("ALIPAY_QR")
                        .asInt())
                .isEqualTo(6000);

        OperatorClient.Response refused =
                operator.put("/api/operator/apps/" + appId + "/fee-rates", Map.of("rates", Map.of("ALIPAY_QR", -1)));
        assertThat(refused.status()).isEqualTo(400);
        OperatorClient.Response unknownWay =
                operator.put("/api/operator/apps/" + appId + "/fee-rates", Map.of("rates", Map.of("CASH", 1)));
        assertThat(unknownWay.status()).isEqualTo(400);
    }

    private Map<String, Object> alipay(String privateKey, String alipayPublicKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel_app_id", "2021000000000001");
        body.put("app_private_key", privateKey);
        body.put("alipay_public_key", alipayPublicKey);
        return body;
    }

    private Map<String, Object> wechat(String merchantKey, String apiV3Key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mchid", "1900000001");
        body.put("app_ids", List.of("wx1234567890abcdef"));
        body.put("merchant_private_key", merchantKey);
        body.put("merchant_serial_no", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
        body.put("api_v3_key", apiV3Key);
        body.put("mode", "PUBLIC_KEY");
        body.put("wechatpay_public_key", base64(alipayKeys.getPublic().getEncoded()));
        body.put("wechatpay_public_key_id", "PUB_KEY_ID_0119000000012025");
        return body;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
