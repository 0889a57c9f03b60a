package io.tongbao.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.NotificationInbox;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxTest;
import io.tongbao.sandbox.WechatPaySandbox;
import io.tongbao.sandbox.support.Rsa;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class WechatPaymentTest {

    @LocalServerPort
    int port;

    @Autowired
    NotificationInbox inbox;

    @Autowired
    SandboxClock clock;

    @Autowired
    WechatPaySandbox merchants;

    WechatSandboxMerchant merchant;
    NativePayService nativePay;
    String box;

    @BeforeEach
    void registerMerchant() {
        merchant = WechatSandboxMerchant.register(port, "PUBLIC_KEY");
        nativePay =
                new NativePayService.Builder().httpClient(merchant.httpClient()).build();
        box = "wechat-" + UUID.randomUUID();
    }

    @Test
    void nativeOrderIsPaidByScanningAndTheEncryptedNotificationIsVerifiedAndDecrypted() {
        String outTradeNo = newOutTradeNo();
        String codeUrl = nativePay.prepay(nativeRequest(outTradeNo, 8888)).getCodeUrl();
        assertThat(codeUrl).contains("/sandbox/cashier/wechatpay/");

        Http.Reply paid = Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));
        assertThat(paid.status()).isEqualTo(200);

        Transaction notified =
                new NotificationParser(merchant.notificationConfig()).parse(awaitNotification(0), Transaction.class);
        assertThat(notified.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(notified.getOutTradeNo()).isEqualTo(outTradeNo);
        assertThat(notified.getMchid()).isEqualTo(merchant.mchid());
        assertThat(notified.getAmount().getTotal()).isEqualTo(8888);
        assertThat(notified.getPayer().getOpenid()).isNotBlank();

        Transaction byOutTradeNo = query(outTradeNo);
        assertThat(byOutTradeNo.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setMchid(merchant.mchid());
        byId.setTransactionId(notified.getTransactionId());
        assertThat(nativePay.queryOrderById(byId).getOutTradeNo()).isEqualTo(outTradeNo);
    }

    @Test
    void aNotificationWhoseBodyWasChangedFailsTheSdksVerification() {
        String codeUrl = nativePay.prepay(nativeRequest(newOutTradeNo(), 100)).getCodeUrl();
        Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));
        awaitNotification(0);
        NotificationInbox.Received received = inbox.received(box).getFirst();
        RequestParam altered = WechatNotifications.asRequestParam(new NotificationInbox.Received(
                received.params(),
                received.headers(),
                received.body().replace("TRANSACTION.SUCCESS", "TRANSACTION.FAILURE")));
        assertThatThrownBy(
                        () -> new NotificationParser(merchant.notificationConfig()).parse(altered, Transaction.class))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void responseHeadersKeepWechatPaysCapitalisationOnTheWire() throws Exception {
        List<String> headerLines = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /sandbox/wechatpay/v3/certificates HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headerLines.add(line);
            }
        }
        assertThat(headerLines.getFirst()).contains("401");
        assertThat(headerLines)
                .anyMatch(line -> line.startsWith("Wechatpay-Timestamp: "))
                .anyMatch(line -> line.startsWith("Wechatpay-Nonce: "))
                .anyMatch(line -> line.startsWith("Wechatpay-Signature: "))
                .anyMatch(line -> line.startsWith("Wechatpay-Serial: "))
                .anyMatch(line -> line.startsWith("Wechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048"));
    }

    @Test
    void repeatingAPrepayReturnsTheSameOrderButChangedContentOrAPaidOrderIsRefused() {
        String outTradeNo = newOutTradeNo();
        String first = nativePay.prepay(nativeRequest(outTradeNo, 500)).getCodeUrl();
        assertThat(nativePay.prepay(nativeRequest(outTradeNo, 500)).getCodeUrl())
                .isEqualTo(first);

        assertThat(serviceError(() -> nativePay.prepay(nativeRequest(outTradeNo, 600)))
                        .getErrorCode())
                .isEqualTo("OUT_TRADE_NO_USED");

        Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", first));
        ServiceException paid = serviceError(() -> nativePay.prepay(nativeRequest(outTradeNo, 500)));
        assertThat(paid.getErrorCode()).isEqualTo("ORDERPAID");
        assertThat(paid.getHttpStatusCode()).isEqualTo(403);
    }

    @Test
    void closingAnUnpaidOrderAnswersASigned204AndTheOrderCannotBePaidOrReused() {
        String outTradeNo = newOutTradeNo();
        String codeUrl = nativePay.prepay(nativeRequest(outTradeNo, 100)).getCodeUrl();
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(merchant.mchid());
        close.setOutTradeNo(outTradeNo);

        nativePay.closeOrder(close);

        assertThat(query(outTradeNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
        Http.Reply pay = Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));
        assertThat(pay.status()).isEqualTo(400);
        assertThat(pay.json()).containsEntry("code", "ORDER_CLOSED");
        assertThat(serviceError(() -> nativePay.prepay(nativeRequest(outTradeNo, 100)))
                        .getErrorCode())
                .isEqualTo("ORDER_CLOSED");
    }

    /** WeChat Pay's close-order table gives order-state refusals 400 (see WechatTransactions.close). */
    @Test
    void closingAPaidOrderIsRefusedWith400OrderPaid() {
        String outTradeNo = newOutTradeNo();
        String codeUrl = nativePay.prepay(nativeRequest(outTradeNo, 100)).getCodeUrl();
        Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(merchant.mchid());
        close.setOutTradeNo(outTradeNo);

        ServiceException refused = serviceError(() -> nativePay.closeOrder(close));
        assertThat(refused.getHttpStatusCode()).isEqualTo(400);
        assertThat(refused.getErrorCode()).isEqualTo("ORDERPAID");
    }

    /** What wechatpay-axios-plugin and other clients given api_base_url do: sign the request-target they send. */
    @Test
    void aClientThatSignsTheRequestTargetItSendsIsAccepted() throws Exception {
        String outTradeNo = newOutTradeNo();
        nativePay.prepay(nativeRequest(outTradeNo, 100));
        String target =
                "/sandbox/wechatpay/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + merchant.mchid();

        HttpResponse<String> reply = signedGet(target, target);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"trade_state\":\"NOTPAY\"");
    }

    /** What wechatpay-java behind a path-rewriting interceptor does: it signs /v3/… and sends another path. */
    @Test
    void aSignatureOverAnotherPathThanTheOneSentIsRefused() throws Exception {
        String outTradeNo = newOutTradeNo();
        nativePay.prepay(nativeRequest(outTradeNo, 100));
        String canonical = "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + merchant.mchid();

        HttpResponse<String> reply = signedGet("/sandbox/wechatpay" + canonical, canonical);

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.body()).contains("\"code\":\"SIGN_ERROR\"");
    }

    @Test
    void everyMerchantHasItsOwnWechatPayKeysSoANotificationForOneDoesNotVerifyForAnother() {
        WechatSandboxMerchant other = WechatSandboxMerchant.register(port, "PUBLIC_KEY");
        assertThat(other.publicKeyId()).isNotEqualTo(merchant.publicKeyId());
        assertThat(other.publicKeyPem()).isNotEqualTo(merchant.publicKeyPem());

        String codeUrl = nativePay.prepay(nativeRequest(newOutTradeNo(), 100)).getCodeUrl();
        Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));
        RequestParam notification = awaitNotification(0);
        String message = notification.getMessage();
        assertThat(Rsa.verify(
                        Rsa.SHA256,
                        Rsa.parsePublicKey(merchant.publicKeyPem()),
                        message,
                        StandardCharsets.UTF_8,
                        notification.getSignature()))
                .isTrue();
        assertThat(Rsa.verify(
                        Rsa.SHA256,
                        Rsa.parsePublicKey(other.publicKeyPem()),
                        message,
                        StandardCharsets.UTF_8,
                        notification.getSignature()))
                .isFalse();
    }

    @Test
    void everyMerchantHasItsOwnPlatformCertificateAndKeepsItWhenRegisteredAgain() {
        String merchantKey = Base64.getEncoder()
                .encodeToString(WechatSandboxMerchant.newKeyPair().getPublic().getEncoded());
        WechatPaySandbox.Credentials first = merchants.registerMerchant(
                null, merchantKey, "S1", WechatPaySandbox.KeyMode.CERTIFICATE, List.of(), null);
        WechatPaySandbox.Credentials second = merchants.registerMerchant(
                null, merchantKey, "S2", WechatPaySandbox.KeyMode.CERTIFICATE, List.of(), null);
        assertThat(second.platformCertificateSerialNo()).isNotEqualTo(first.platformCertificateSerialNo());
        assertThat(second.platformCertificatePem()).isNotEqualTo(first.platformCertificatePem());
        assertThat(second.wechatpayPublicKeyId()).isNotEqualTo(first.wechatpayPublicKeyId());

        WechatPaySandbox.Credentials again = merchants.registerMerchant(
                first.mchid(), merchantKey, "S3", WechatPaySandbox.KeyMode.CERTIFICATE, List.of(), first.apiV3Key());
        assertThat(again.platformCertificateSerialNo()).isEqualTo(first.platformCertificateSerialNo());
        assertThat(again.wechatpayPublicKeyPem()).isEqualTo(first.wechatpayPublicKeyPem());
    }

    @Test
    void anUnknownOrderIsOrderNotExist() {
        ServiceException missing = serviceError(() -> query("NOPE" + newOutTradeNo()));
        assertThat(missing.getHttpStatusCode()).isEqualTo(404);
        assertThat(missing.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
    }

    @Test
    void anOrderPastItsTimeExpireIsClosedAndAnUnpaidOrderHasNoTransactionId() {
        String outTradeNo = newOutTradeNo();
        PrepayRequest request = nativeRequest(outTradeNo, 100);
        OffsetDateTime sandboxNow =
                clock.instant().atOffset(ZoneOffset.ofHours(8)).withNano(0);
        request.setTimeExpire(sandboxNow.minusMinutes(1).toString());
        assertThat(serviceError(() -> nativePay.prepay(request)).getErrorCode()).isEqualTo("PARAM_ERROR");
        request.setTimeExpire(sandboxNow.plusMinutes(5).toString());
        String codeUrl = nativePay.prepay(request).getCodeUrl();
        Transaction open = query(outTradeNo);
        assertThat(open.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        assertThat(open.getTransactionId()).isNull();

        clock.advance(Duration.ofMinutes(6));

        assertThat(query(outTradeNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
        assertThat(Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl))
                        .json())
                .containsEntry("code", "ORDER_CLOSED");
    }

    @Test
    void anAppidNotBoundToTheMerchantIsRefused() {
        PrepayRequest request = nativeRequest(newOutTradeNo(), 100);
        request.setAppid("wx0000000000000000");
        assertThat(serviceError(() -> nativePay.prepay(request)).getErrorCode()).isEqualTo("APPID_MCHID_NOT_MATCH");
    }

    @Test
    void aMissingFieldIsAParamError() {
        PrepayRequest request = nativeRequest(newOutTradeNo(), 100);
        request.setDescription(null);
        ServiceException error = serviceError(() -> nativePay.prepay(request));
        assertThat(error.getHttpStatusCode()).isEqualTo(400);
        assertThat(error.getErrorCode()).isEqualTo("PARAM_ERROR");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedWithSignError() {
        NativePayService forged = new NativePayService.Builder()
                .httpClient(merchant.forgedClient(port))
                .build();
        ServiceException error = serviceError(() -> forged.prepay(nativeRequest(newOutTradeNo(), 100)));
        assertThat(error.getHttpStatusCode()).isEqualTo(401);
        assertThat(error.getErrorCode()).isEqualTo("SIGN_ERROR");
    }

    @Test
    void theSdkRejectsAnswersWhenItTrustsAnotherWechatPayKey() {
        NativePayService misconfigured = new NativePayService.Builder()
                .httpClient(merchant.misconfiguredClient(port))
                .build();
        assertThatThrownBy(() -> misconfigured.prepay(nativeRequest(newOutTradeNo(), 100)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void jsapiPaymentParametersSignedByTheMerchantArePaidByTheWechatClient() {
        JsapiServiceExtension jsapi = new JsapiServiceExtension.Builder()
                .config(merchant.config())
                .httpClient(merchant.httpClient())
                .build();
        com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest request =
                new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        String outTradeNo = newOutTradeNo();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("JSAPI");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(baseUrl() + "/test-inbox/" + box);
        com.wechat.pay.java.service.payments.jsapi.model.Amount amount =
                new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(300);
        request.setAmount(amount);
        Payer payer = new Payer();
        payer.setOpenid("oJsapiBuyer");
        request.setPayer(payer);

        var payment = jsapi.prepayWithRequestPayment(request);
        Map<String, Object> params = Map.of(
                "appId",
                payment.getAppId(),
                "timeStamp",
                payment.getTimeStamp(),
                "nonceStr",
                payment.getNonceStr(),
                "package",
                payment.getPackageVal(),
                "signType",
                payment.getSignType(),
                "paySign",
                payment.getPaySign());

        Map<String, Object> forged = new HashMap<>(params);
        forged.put("nonceStr", "tampered");
        assertThat(Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/request-payment", forged)
                        .status())
                .isEqualTo(401);

        assertThat(Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/request-payment", params)
                        .status())
                .isEqualTo(200);
        Transaction paid = query(outTradeNo);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getPayer().getOpenid()).isEqualTo("oJsapiBuyer");
        assertThat(paid.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.JSAPI);
    }

    @Test
    void appPaymentParametersArePaidByTheWechatClient() {
        AppServiceExtension app = new AppServiceExtension.Builder()
                .config(merchant.config())
                .httpClient(merchant.httpClient())
                .build();
        com.wechat.pay.java.service.payments.app.model.PrepayRequest request =
                new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
        String outTradeNo = newOutTradeNo();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("APP");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(baseUrl() + "/test-inbox/" + box);
        com.wechat.pay.java.service.payments.app.model.Amount amount =
                new com.wechat.pay.java.service.payments.app.model.Amount();
        amount.setTotal(200);
        request.setAmount(amount);

        var payment = app.prepayWithRequestPayment(request);
        Http.Reply paid = Http.postJson(
                baseUrl() + "/sandbox/wechatpay/buyer/request-payment",
                Map.of(
                        "appid",
                        payment.getAppid(),
                        "partnerid",
                        payment.getPartnerId(),
                        "prepayid",
                        payment.getPrepayId(),
                        "package",
                        payment.getPackageVal(),
                        "noncestr",
                        payment.getNonceStr(),
                        "timestamp",
                        payment.getTimestamp(),
                        "sign",
                        payment.getSign()));
        assertThat(paid.status()).isEqualTo(200);
        assertThat(query(outTradeNo).getTradeType()).isEqualTo(Transaction.TradeTypeEnum.APP);
    }

    @Test
    void h5OrderGivesALinkToTheCashier() {
        H5Service h5 = new H5Service.Builder().httpClient(merchant.httpClient()).build();
        com.wechat.pay.java.service.payments.h5.model.PrepayRequest request =
                new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
        String outTradeNo = newOutTradeNo();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("H5");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(baseUrl() + "/test-inbox/" + box);
        com.wechat.pay.java.service.payments.h5.model.Amount amount =
                new com.wechat.pay.java.service.payments.h5.model.Amount();
        amount.setTotal(100);
        request.setAmount(amount);
        SceneInfo scene = new SceneInfo();
        scene.setPayerClientIp("127.0.0.1");
        H5Info info = new H5Info();
        info.setType("Wap");
        scene.setH5Info(info);
        request.setSceneInfo(scene);

        String h5Url = h5.prepay(request).getH5Url();
        assertThat(h5Url).contains("/sandbox/cashier/wechatpay/");
        Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", h5Url));
        assertThat(query(outTradeNo).getTradeType()).isEqualTo(Transaction.TradeTypeEnum.MWEB);
    }

    @Test
    void platformCertificateModeDownloadsTheCertificateAndVerifiesAnswersAndNotifications() {
        WechatSandboxMerchant certified = WechatSandboxMerchant.register(port, "CERTIFICATE");
        NativePayService service = new NativePayService.Builder()
                .httpClient(certified.httpClient())
                .build();
        PrepayRequest request = nativeRequest(newOutTradeNo(), 700);
        request.setAppid(certified.appid());
        request.setMchid(certified.mchid());
        String codeUrl = service.prepay(request).getCodeUrl();

        Http.postJson(baseUrl() + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));

        RequestParam notification = awaitNotification(0);
        assertThat(notification.getSerialNumber()).doesNotStartWith("PUB_KEY_ID_");
        Transaction paid =
                new NotificationParser(certified.notificationConfig()).parse(notification, Transaction.class);
        assertThat(paid.getAmount().getTotal()).isEqualTo(700);
    }

    private PrepayRequest nativeRequest(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("沙箱商品");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(baseUrl() + "/test-inbox/" + box);
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        return request;
    }

    private Transaction query(String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(merchant.mchid());
        request.setOutTradeNo(outTradeNo);
        return nativePay.queryOrderByOutTradeNo(request);
    }

    RequestParam awaitNotification(int index) {
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() > index);
        return WechatNotifications.asRequestParam(inbox.received(box).get(index));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static ServiceException serviceError(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected WeChat Pay to refuse the call");
    }

    static String newOutTradeNo() {
        return "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** A GET signed by hand, the way WeChat Pay's signing rule reads: {@code signedTarget} is what the signature covers. */
    private HttpResponse<String> signedGet(String sentTarget, String signedTarget) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String signature = Rsa.sign(
                Rsa.SHA256,
                merchant.merchantKeys().getPrivate(),
                "GET\n" + signedTarget + "\n" + timestamp + "\n" + nonce + "\n\n",
                StandardCharsets.UTF_8);
        String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + merchant.mchid() + "\",nonce_str=\"" + nonce
                + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + merchant.merchantSerialNo() + "\",signature=\""
                + signature + "\"";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + sentTarget))
                                .header("Authorization", authorization)
                                .header("Accept", "application/json")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
