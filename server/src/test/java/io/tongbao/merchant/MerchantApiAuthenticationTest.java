package io.tongbao.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.sdk.AppInfo;
import io.tongbao.sdk.CanonicalRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.shared.crypto.SecretCipher;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class MerchantApiAuthenticationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    SecretCipher cipher;

    OperatorClient operator;
    OperatorClient.HmacApp hmacApp;
    OperatorClient.RsaApp rsaApp;

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("auth test merchant");
        hmacApp = operator.createHmacApp(merchant);
        rsaApp = operator.createRsaApp(merchant);
    }

    @Test
    void anHmacAppIsAcceptedAndItsResponsesVerify() {
        AppInfo me = operator.sdk(hmacApp).currentApp();

        assertThat(me.appId()).isEqualTo(hmacApp.appId());
        assertThat(me.merchantId()).isEqualTo(hmacApp.merchantId());
        assertThat(me.signType()).isEqualTo("HMAC_SHA256");
    }

    @Test
    void anRsa2AppIsAcceptedAndItsResponsesVerifyWithThePlatformKey() {
        TongbaoClient client = operator.sdk(rsaApp);

        assertThat(client.currentApp().signType()).isEqualTo("RSA2");
        assertThat(client.platformKey().publicKeyPem()).isEqualTo(rsaApp.platformPublicKeyPem());
    }

    @Test
    void aWrongHmacSecretIsRefused() {
        TongbaoClient client = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(hmacApp.appId())
                .hmacSecret("sk_not-the-secret")
                .maxRetries(0)
                .build();

        assertThatThrownBy(client::currentApp)
                .isInstanceOf(TongbaoException.Authentication.class)
                .extracting("code")
                .isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void aRequestSignedWithAnotherRsaKeyIsRefused() {
        String otherKey = Base64.getEncoder()
                .encodeToString(OperatorClient.rsaKeyPair().getPrivate().getEncoded());
        TongbaoClient client = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(rsaApp.appId())
                .rsaKeys(otherKey, rsaApp.platformPublicKeyPem())
                .maxRetries(0)
                .build();

        assertThatThrownBy(client::currentApp)
                .isInstanceOf(TongbaoException.Authentication.class)
                .extracting("code")
                .isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void aRequestSignedWithAppAsSecretThatClaimsAppBIsRefused() {
        OperatorClient.HmacApp other = operator.createHmacApp(operator.createMerchant("victim"));
        TongbaoClient impostor = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(other.appId())
                .hmacSecret(hmacApp.secret())
                .maxRetries(0)
                .build();

        assertThatThrownBy(impostor::currentApp)
                .isInstanceOf(TongbaoException.Authentication.class)
                .extracting("code")
                .isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void anUnknownAppGetsTheSameAnswerAsAWrongSignature() {
        TongbaoClient client = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId("app_doesnotexist")
                .hmacSecret("sk_whatever")
                .maxRetries(0)
                .build();

        assertThatThrownBy(client::currentApp)
                .isInstanceOf(TongbaoException.Authentication.class)
                .extracting("code")
                .isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void requestsOutsideTheFiveMinuteWindowAreRefused() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(-6), Duration.ofMinutes(6)}) {
            TongbaoClient skewed = TongbaoClient.builder()
                    .baseUrl(operator.baseUrl())
                    .appId(hmacApp.appId())
                    .hmacSecret(hmacApp.secret())
                    .maxRetries(0)
                    .clock(Clock.offset(Clock.systemUTC(), skew))
                    .build();

            assertThatThrownBy(skewed::currentApp)
                    .isInstanceOf(TongbaoException.Authentication.class)
                    .extracting("code")
                    .isEqualTo("TIMESTAMP_OUT_OF_WINDOW");
        }
        TongbaoClient slightlyOff = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(hmacApp.appId())
                .hmacSecret(hmacApp.secret())
                .maxRetries(0)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-4)))
                .build();
        assertThat(slightlyOff.currentApp().appId()).isEqualTo(hmacApp.appId());
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        HttpRequest request = signedGet(hmacApp, "/api/v1/app", Instant.now(), "replayreplayreplay01");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> replay = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("\"code\":\"NONCE_REUSED\"").contains("\"request_id\":\"req_");
    }

    @Test
    void aForgedRequestDoesNotSpendTheNonce() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest forged = HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/api/v1/app"))
                .header("Tongbao-App-Id", hmacApp.appId())
                .header("Tongbao-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("Tongbao-Nonce", "forgedforgedforged01")
                .header("Tongbao-Signature", Base64.getEncoder().encodeToString(new byte[32]))
                .GET()
                .build();

        assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        HttpRequest genuine = signedGet(hmacApp, "/api/v1/app", Instant.now(), "forgedforgedforged01");
        assertThat(http.send(genuine, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRequestWithoutSignatureHeadersIsRefusedWithAClearCode() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/api/v1/app"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("MISSING_SIGNATURE");
    }

    @Test
    void aTamperedBodyOrQueryIsRefused() throws Exception {
        Instant now = Instant.now();
        String nonce = "tamperedtampered0001";
        String canonical = CanonicalRequest.requestString(
                "GET", "/api/v1/app", "limit=10", hmacApp.appId(), now.getEpochSecond(), nonce, new byte[0]);
        HttpRequest tampered = HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/api/v1/app?limit=11"))
                .header("Tongbao-App-Id", hmacApp.appId())
                .header("Tongbao-Timestamp", Long.toString(now.getEpochSecond()))
                .header("Tongbao-Nonce", nonce)
                .header("Tongbao-Signature", hmac(hmacApp.secret(), canonical))
                .GET()
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(tampered, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("INVALID_SIGNATURE");
    }

    @Test
    void aSuspendedMerchantOrAppGets403AndResumesWhenReactivated() {
        TongbaoClient client = operator.sdk(hmacApp);

        operator.post("/api/operator/apps/" + hmacApp.appId() + "/suspend", null);
        assertThatThrownBy(client::currentApp)
                .isInstanceOf(TongbaoException.PermissionDenied.class)
                .extracting("code")
                .isEqualTo("APP_SUSPENDED");
        operator.post("/api/operator/apps/" + hmacApp.appId() + "/activate", null);

        operator.post("/api/operator/merchants/" + hmacApp.merchantId() + "/suspend", null);
        assertThatThrownBy(client::currentApp)
                .isInstanceOf(TongbaoException.PermissionDenied.class)
                .extracting("code")
                .isEqualTo("MERCHANT_SUSPENDED");
        operator.post("/api/operator/merchants/" + hmacApp.merchantId() + "/activate", null);

        assertThat(client.currentApp().status()).isEqualTo("ACTIVE");
    }

    @Test
    void duringARotationBothSecretsVerifyAndAfterwardsOnlyTheNewOne() {
        OperatorClient.Response rotated =
                operator.post("/api/operator/apps/" + hmacApp.appId() + "/hmac-secret", Map.of("overlap_hours", 24));
        String newSecret = rotated.body().get("hmac_secret").asString();
        TongbaoClient old = operator.sdk(hmacApp);
        TongbaoClient renewed =
                operator.sdk(new OperatorClient.HmacApp(hmacApp.merchantId(), hmacApp.appId(), newSecret));

        assertThat(old.currentApp().appId()).isEqualTo(hmacApp.appId());
        assertThat(renewed.currentApp().appId()).isEqualTo(hmacApp.appId());

        operator.post("/api/operator/apps/" + hmacApp.appId() + "/hmac-secret", Map.of("overlap_hours", 0));
        assertThatThrownBy(old::currentApp).isInstanceOf(TongbaoException.Authentication.class);
        assertThatThrownBy(renewed::currentApp).isInstanceOf(TongbaoException.Authentication.class);
    }

    /**
     * Each node caches an app's secrets; a secret issued through another node (here: written straight to the table,
     * as that node would) must work here at once, not after the cache's TTL.
     */
    @Test
    void aSecretIssuedOnAnotherNodeVerifiesAtOnceDespiteTheCache() {
        assertThat(operator.sdk(hmacApp).currentApp().appId()).isEqualTo(hmacApp.appId());
        String issuedElsewhere = "sk_issued-on-another-node-0123456789abcdef";
        jdbc.sql(
                        "insert into app_hmac_secret (app_id, version, secret_enc, created_at) values (:app, 2, :sealed, now())")
                .param("app", hmacApp.appId())
                .param("sealed", cipher.encrypt(issuedElsewhere, HmacSecrets.context(hmacApp.appId(), 2)))
                .update();

        TongbaoClient renewed =
                operator.sdk(new OperatorClient.HmacApp(hmacApp.merchantId(), hmacApp.appId(), issuedElsewhere));

        assertThat(renewed.currentApp().appId()).isEqualTo(hmacApp.appId());
        assertThat(operator.sdk(hmacApp).currentApp().appId()).isEqualTo(hmacApp.appId());
    }

    @Test
    void aResponseWithATamperedSignatureIsRejectedByTheSdk() {
        TongbaoClient wrongPlatformKey = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(rsaApp.appId())
                .rsaKeys(
                        rsaApp.merchantPrivateKeyBase64(),
                        Base64.getEncoder()
                                .encodeToString(
                                        OperatorClient.rsaKeyPair().getPublic().getEncoded()))
                .maxRetries(0)
                .build();

        assertThatThrownBy(wrongPlatformKey::currentApp).isInstanceOf(TongbaoException.InvalidResponseSignature.class);
    }

    private HttpRequest signedGet(OperatorClient.HmacApp app, String path, Instant at, String nonce) {
        String canonical =
                CanonicalRequest.requestString("GET", path, null, app.appId(), at.getEpochSecond(), nonce, new byte[0]);
        return HttpRequest.newBuilder(URI.create(operator.baseUrl() + path))
                .header("Tongbao-App-Id", app.appId())
                .header("Tongbao-Timestamp", Long.toString(at.getEpochSecond()))
                .header("Tongbao-Nonce", nonce)
                .header("Tongbao-Signature", hmac(app.secret(), canonical))
                .GET()
                .build();
    }

    static String hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
