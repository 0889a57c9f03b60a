package io.tongbao.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.domain.AlipayTradeCreateModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeCreateRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeCreateResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.tongbao.sandbox.AlipaySandbox;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.NotificationInbox;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxTest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class AlipayPaymentTest {

    @LocalServerPort
    int port;

    @Autowired
    NotificationInbox inbox;

    @Autowired
    SandboxClock clock;

    @Autowired
    AlipaySandbox apps;

    String baseUrl;
    AlipaySandboxApp app;
    String box;

    @BeforeEach
    void registerApp() {
        baseUrl = "http://127.0.0.1:" + port;
        app = AlipaySandboxApp.register(baseUrl);
        box = "alipay-" + UUID.randomUUID();
    }

    @Test
    void precreatedTradeIsPaidByScanningAndTheSignedNotificationVerifies() throws Exception {
        AlipayTradePrecreateResponse precreate = precreate("88.88");
        assertThat(precreate.isSuccess()).isTrue();
        assertThat(precreate.getQrCode()).startsWith(baseUrl + "/sandbox/cashier/alipay/");

        Http.Reply paid = scanAndPay(precreate.getQrCode());
        assertThat(paid.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.received(box).isEmpty());
        Map<String, String> notification = inbox.received(box).getFirst().params();
        assertThat(notification)
                .containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("out_trade_no", precreate.getOutTradeNo())
                .containsEntry("total_amount", "88.88")
                .containsEntry("app_id", app.appId())
                .containsEntry("seller_id", app.sellerId())
                .containsEntry("sign_type", "RSA2")
                .containsEntry("notify_type", "trade_status_sync");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isTrue();

        AlipayTradeQueryResponse query = query(precreate.getOutTradeNo());
        assertThat(query.isSuccess()).isTrue();
        assertThat(query.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(query.getTotalAmount()).isEqualTo("88.88");
        assertThat(query.getTradeNo()).isEqualTo(notification.get("trade_no"));
    }

    @Test
    void aNotificationWithAChangedParameterNoLongerVerifies() throws Exception {
        AlipayTradePrecreateResponse precreate = precreate("10.00");
        scanAndPay(precreate.getQrCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.received(box).isEmpty());

        Map<String, String> forged =
                new HashMap<>(inbox.received(box).getFirst().params());
        forged.put("total_amount", "0.01");
        assertThat(AlipaySignature.rsaCheckV1(forged, app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isFalse();
    }

    @Test
    void aPrecreatedTradeIsUnknownToQueriesUntilABuyerScansIt() throws Exception {
        AlipayTradePrecreateResponse precreate = precreate("1.00");

        AlipayTradeQueryResponse before = query(precreate.getOutTradeNo());
        assertThat(before.isSuccess()).isFalse();
        assertThat(before.getCode()).isEqualTo("40004");
        assertThat(before.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        Http.postJson(baseUrl + "/sandbox/alipay/buyer/scan", Map.of("qr_code", precreate.getQrCode()));
        assertThat(query(precreate.getOutTradeNo()).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void repeatingAPrecreateReturnsTheSameTradeButAChangedAmountIsRefused() throws Exception {
        String outTradeNo = newOutTradeNo();
        AlipayTradePrecreateResponse first = precreate(outTradeNo, "5.00");
        AlipayTradePrecreateResponse again = precreate(outTradeNo, "5.00");
        assertThat(again.getQrCode()).isEqualTo(first.getQrCode());

        AlipayTradePrecreateResponse changed = precreate(outTradeNo, "6.00");
        assertThat(changed.getSubCode()).isEqualTo("ACQ.CONTEXT_INCONSISTENT");

        scanAndPay(first.getQrCode());
        assertThat(precreate(outTradeNo, "5.00").getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefused() throws Exception {
        String strangerKey = Base64.getEncoder()
                .encodeToString(AlipaySandboxApp.newKeyPair().getPrivate().getEncoded());
        AlipayClient forger = app.clientWith(strangerKey, app.alipayPublicKey());

        AlipayTradeQueryResponse response = forger.execute(queryRequest(newOutTradeNo()));
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("40002");
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-signature");
    }

    @Test
    void theSdkRejectsAReplyThatWasNotSignedByTheSandboxKey() {
        String someoneElsesPublicKey = Base64.getEncoder()
                .encodeToString(AlipaySandboxApp.newKeyPair().getPublic().getEncoded());
        AlipayClient misconfigured = app.clientWith(app.privateKey(), someoneElsesPublicKey);

        AlipayTradePrecreateRequest request = precreateRequest(newOutTradeNo(), "1.00");
        assertThatThrownBy(() -> misconfigured.execute(request))
                .isInstanceOf(AlipayApiException.class)
                .hasMessageContaining("sign check fail");
    }

    @Test
    void everyAppHasItsOwnAlipayKeySoWhatIsSignedForOneAppDoesNotVerifyForAnother() throws Exception {
        AlipaySandboxApp other = AlipaySandboxApp.register(baseUrl);
        assertThat(other.alipayPublicKey()).isNotEqualTo(app.alipayPublicKey());

        AlipayTradePrecreateResponse precreate = precreate("3.00");
        scanAndPay(precreate.getQrCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.received(box).isEmpty());
        Map<String, String> notification = inbox.received(box).getFirst().params();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isTrue();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), other.alipayPublicKey(), "UTF-8", "RSA2"))
                .isFalse();

        AlipayClient trustingTheOtherApp = app.clientWith(app.privateKey(), other.alipayPublicKey());
        assertThatThrownBy(() -> trustingTheOtherApp.execute(queryRequest(precreate.getOutTradeNo())))
                .isInstanceOf(AlipayApiException.class)
                .hasMessageContaining("sign check fail");
    }

    @Test
    void registeringAnAppIdAgainKeepsAlipaysKeyForIt() {
        AlipaySandbox.Credentials again = apps.registerApp(
                app.appId(),
                Base64.getEncoder()
                        .encodeToString(
                                AlipaySandboxApp.newKeyPair().getPublic().getEncoded()));
        assertThat(again.alipayPublicKey()).isEqualTo(app.alipayPublicKey());
    }

    /** As Alipay's gateway does: no app is known, so there is no key to sign the refusal with. */
    @Test
    void aRefusalBeforeAuthenticationCarriesNoSign() {
        Http.Reply refused = Http.get(baseUrl + "/sandbox/alipay/gateway.do?app_id=2021000000000000"
                + "&method=alipay.trade.query&charset=utf-8&sign_type=RSA2&timestamp=2026-01-01%2000:00:00"
                + "&version=1.0&sign=AAAA");
        assertThat(refused.body())
                .contains("\"sub_code\":\"isv.invalid-app-id\"")
                .doesNotContain("\"sign\"");
    }

    @Test
    void anUnknownAppIsRefused() throws Exception {
        AlipayClient unknown = AlipaySandboxApp.client(
                baseUrl + "/sandbox/alipay/gateway.do",
                "2021000000000000",
                app.privateKey(),
                app.alipayPublicKey(),
                "RSA2");
        AlipayTradeQueryResponse response = unknown.execute(queryRequest(newOutTradeNo()));
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-app-id");
    }

    @Test
    void theOldRsaSignTypeWorksBothWays() throws Exception {
        AlipaySandboxApp sha1App = AlipaySandboxApp.register(baseUrl, "RSA");
        AlipayTradePrecreateRequest request = precreateRequest(newOutTradeNo(), "2.00");
        request.setNotifyUrl(baseUrl + "/test-inbox/" + box);
        AlipayTradePrecreateResponse response = sha1App.client().execute(request);
        assertThat(response.isSuccess()).isTrue();

        scanAndPay(response.getQrCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.received(box).isEmpty());
        Map<String, String> notification =
                new HashMap<>(inbox.received(box).getFirst().params());
        assertThat(notification).containsEntry("sign_type", "RSA");
        assertThat(AlipaySignature.rsaCheckV1(notification, sha1App.alipayPublicKey(), "UTF-8", "RSA"))
                .isTrue();
    }

    @Test
    void jsapiTradeNeedsABuyerAndCanBeClosedOnlyWhileUnpaid() throws Exception {
        AlipayTradeCreateResponse withoutBuyer = app.client().execute(createRequest(newOutTradeNo(), null));
        assertThat(withoutBuyer.getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");

        String outTradeNo = newOutTradeNo();
        AlipayTradeCreateResponse created = app.client().execute(createRequest(outTradeNo, "2088000000000001"));
        assertThat(created.isSuccess()).isTrue();
        assertThat(created.getTradeNo()).isNotBlank();
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        AlipayTradeCloseResponse closed = close(outTradeNo);
        assertThat(closed.isSuccess()).isTrue();
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThat(close(outTradeNo).getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");

        Http.Reply payClosed =
                Http.postJson(baseUrl + "/sandbox/alipay/buyer/pay", Map.of("trade_no", created.getTradeNo()));
        assertThat(payClosed.status()).isEqualTo(409);
        assertThat(payClosed.json()).containsEntry("code", "ACQ.TRADE_HAS_CLOSE");
    }

    @Test
    void aTradeClosesItselfWhenItsTimeExpiresAndCannotBePaidAfterwards() throws Exception {
        String outTradeNo = newOutTradeNo();
        AlipayTradeCreateRequest request = createRequest(outTradeNo, "2088000000000001");
        ((AlipayTradeCreateModel) request.getBizModel()).setTimeoutExpress("5m");
        AlipayTradeCreateResponse created = app.client().execute(request);

        clock.advance(Duration.ofMinutes(6));

        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        Http.Reply pay = Http.postJson(baseUrl + "/sandbox/alipay/buyer/pay", Map.of("trade_no", created.getTradeNo()));
        assertThat(pay.json()).containsEntry("code", "ACQ.TRADE_HAS_CLOSE");
    }

    @Test
    void queryingWithoutAnyOrderNumberIsAMissingArgument() throws Exception {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{}");
        AlipayTradeQueryResponse response = app.client().execute(request);
        assertThat(response.getCode()).isEqualTo("40001");
        assertThat(response.getSubCode()).isEqualTo("isv.missing-out-trade-no");
    }

    private AlipayTradePrecreateResponse precreate(String amount) throws AlipayApiException {
        return precreate(newOutTradeNo(), amount);
    }

    private AlipayTradePrecreateResponse precreate(String outTradeNo, String amount) throws AlipayApiException {
        return app.client().execute(precreateRequest(outTradeNo, amount));
    }

    private AlipayTradePrecreateRequest precreateRequest(String outTradeNo, String amount) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject("沙箱测试商品");
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl(baseUrl + "/test-inbox/" + box);
        return request;
    }

    private AlipayTradeCreateRequest createRequest(String outTradeNo, String buyerId) {
        AlipayTradeCreateModel model = new AlipayTradeCreateModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount("3.00");
        model.setSubject("JSAPI");
        model.setBuyerId(buyerId);
        AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl(baseUrl + "/test-inbox/" + box);
        return request;
    }

    private Http.Reply scanAndPay(String qrCode) {
        Http.Reply scanned = Http.postJson(baseUrl + "/sandbox/alipay/buyer/scan", Map.of("qr_code", qrCode));
        assertThat(scanned.status()).isEqualTo(200);
        return Http.postJson(
                baseUrl + "/sandbox/alipay/buyer/pay",
                Map.of("trade_no", scanned.json().get("trade_no")));
    }

    private AlipayTradeQueryResponse query(String outTradeNo) throws AlipayApiException {
        return app.client().execute(queryRequest(outTradeNo));
    }

    private static AlipayTradeQueryRequest queryRequest(String outTradeNo) {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        return request;
    }

    private AlipayTradeCloseResponse close(String outTradeNo) throws AlipayApiException {
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        return app.client().execute(request);
    }

    static String newOutTradeNo() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
