package io.tongbao.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TestEndpoints;
import io.tongbao.support.TongbaoTest;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Goes through every place a secret passes (creation, rotation, channel set-up, signed calls, failures) with
 * the logs captured, then searches the logs and every API answer for the secrets.
 */
@TongbaoTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    PlatformKeys platformKeys;

    @Test
    void noSecretAppearsInALogLineOrAnApiResponse(CapturedOutput output) {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("leak test merchant");
        OperatorClient.HmacApp hmacApp = operator.createHmacApp(merchant);
        OperatorClient.RsaApp rsaApp = operator.createRsaApp(merchant);
        String rotated = operator.post("/api/operator/apps/" + hmacApp.appId() + "/hmac-secret", Map.of())
                .body()
                .get("hmac_secret")
                .asString();
        KeyPair alipayAppKeys = OperatorClient.rsaKeyPair();
        KeyPair wechatMerchantKeys = OperatorClient.rsaKeyPair();
        String apiV3Key = "LeakCanaryApiV3Key0123456789abcd";
        operator.put(
                "/api/operator/apps/" + hmacApp.appId() + "/channels/alipay",
                Map.of(
                        "channel_app_id", "2021000000000002",
                        "app_private_key", base64(alipayAppKeys.getPrivate().getEncoded()),
                        "alipay_public_key",
                                base64(OperatorClient.rsaKeyPair().getPublic().getEncoded())));
        operator.put(
                "/api/operator/apps/" + hmacApp.appId() + "/channels/wechatpay",
                Map.of(
                        "mchid",
                        "1900000002",
                        "app_ids",
                        List.of("wx1234567890abcdef"),
                        "merchant_private_key",
                        base64(wechatMerchantKeys.getPrivate().getEncoded()),
                        "merchant_serial_no",
                        "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                        "api_v3_key",
                        apiV3Key,
                        "mode",
                        "PUBLIC_KEY",
                        "wechatpay_public_key",
                        base64(OperatorClient.rsaKeyPair().getPublic().getEncoded()),
                        "wechatpay_public_key_id",
                        "PUB_KEY_ID_0119000000012026"));
        // a bad channel set-up echoes nothing of what was sent
        OperatorClient.Response refused = operator.put(
                "/api/operator/apps/" + hmacApp.appId() + "/channels/wechatpay",
                Map.of(
                        "mchid",
                        "1900000002",
                        "app_ids",
                        List.of("wx1234567890abcdef"),
                        "merchant_private_key",
                        base64(wechatMerchantKeys.getPrivate().getEncoded()),
                        "merchant_serial_no",
                        "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                        "api_v3_key",
                        apiV3Key + "x",
                        "mode",
                        "PUBLIC_KEY"));

        TongbaoClient rsaClient = operator.sdk(rsaApp);
        TongbaoClient hmacClient = operator.sdk(new OperatorClient.HmacApp(merchant, hmacApp.appId(), rotated));
        rsaClient.currentApp();
        hmacClient.currentApp();
        assertThatThrownBy(() -> hmacClient.post(
                        "/api/v1/test/work", new TestEndpoints.Work("leak", true, null), TestEndpoints.Done.class))
                .isInstanceOf(TongbaoException.ServerError.class)
                .hasMessageNotContaining("sk_should_not_leak");

        List<String> answers = new ArrayList<>();
        answers.add(refused.raw());
        answers.add(operator.get("/api/operator/apps/" + hmacApp.appId()).raw());
        answers.add(operator.get("/api/operator/apps/" + hmacApp.appId() + "/channels")
                .raw());
        answers.add(
                operator.get("/api/operator/merchants/" + merchant + "/apps").raw());
        answers.add(operator.get("/api/operator/apps/" + rsaApp.appId() + "/platform-key")
                .raw());

        String platformPrivateKey =
                base64(platformKeys.privateKey(rsaApp.appId()).orElseThrow().getEncoded());
        List<String> secrets = List.of(
                hmacApp.secret(),
                rotated,
                apiV3Key,
                middle(base64(alipayAppKeys.getPrivate().getEncoded())),
                middle(base64(wechatMerchantKeys.getPrivate().getEncoded())),
                middle(rsaApp.merchantPrivateKeyBase64()),
                middle(platformPrivateKey));
        for (String secret : secrets) {
            assertThat(output.getAll()).as("logs").doesNotContain(secret);
            for (String answer : answers) {
                assertThat(answer).as("API answer").doesNotContain(secret);
            }
        }
        List<String> callLog = jdbc.sql(
                        "select concat_ws(' ', request_id, app_id, method, path, error_code) from api_call")
                .query(String.class)
                .list();
        assertThat(String.join("\n", callLog)).doesNotContain(hmacApp.secret()).doesNotContain(rotated);
        String auditLog = jdbc.sql(
                        "select string_agg(concat_ws(' ', summary, before::text, after::text), ' ') from audit_entry")
                .query(String.class)
                .single();
        for (String secret : secrets) {
            assertThat(auditLog).as("audit log").doesNotContain(secret);
        }
    }

    /** 64 characters from inside a key's Base64: present if any form of the key leaked. */
    private static String middle(String base64) {
        return base64.substring(200, 264);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
