package io.tongbao.sandbox.wechatpay;

import static io.tongbao.sandbox.wechatpay.WechatPaymentTest.newOutTradeNo;
import static io.tongbao.sandbox.wechatpay.WechatPaymentTest.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.NotificationInbox;
import io.tongbao.sandbox.SandboxTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class WechatFaultTest {

    @LocalServerPort
    int port;

    @Autowired
    NotificationInbox inbox;

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
    void aNotificationWithATamperedSignatureIsRejectedByTheParser() {
        inject("NOTIFY_TAMPER_SIGNATURE");
        payNewOrder(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
        var received = WechatNotifications.asRequestParam(inbox.received(box).getFirst());
        assertThatThrownBy(
                        () -> new NotificationParser(merchant.notificationConfig()).parse(received, Transaction.class))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aNotificationWithATamperedAmountDecryptsToAnAmountThatWasNotPaid() {
        inject("NOTIFY_TAMPER_AMOUNT");
        payNewOrder(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
        Transaction notified = new NotificationParser(merchant.notificationConfig())
                .parse(WechatNotifications.asRequestParam(inbox.received(box).getFirst()), Transaction.class);
        assertThat(notified.getAmount().getTotal()).isEqualTo(200);
    }

    @Test
    void aSystemErrorIsWechatsOwn500() {
        inject("API_SYSTEM_ERROR");
        var error = serviceError(() -> nativePay.prepay(request(newOutTradeNo(), 100)));
        assertThat(error.getHttpStatusCode()).isEqualTo(500);
        assertThat(error.getErrorCode()).isEqualTo("SYSTEM_ERROR");
        assertThat(nativePay.prepay(request(newOutTradeNo(), 100)).getCodeUrl()).isNotBlank();
    }

    /** A proxy's plain-text 502 is not JSON: the SDK fails while reading it, so adapters must treat any exception as unknown. */
    @Test
    void aGateway5xxReachesTheSdkAsAnException() {
        inject("API_HTTP_5XX");
        assertThatThrownBy(() -> nativePay.prepay(request(newOutTradeNo(), 100)))
                .isInstanceOf(RuntimeException.class);
    }

    private void inject(String kind) {
        assertThat(Http.postJson(
                                "http://127.0.0.1:" + port + "/sandbox/faults",
                                Map.of("account", merchant.mchid(), "kind", kind, "times", 1))
                        .status())
                .isEqualTo(201);
    }

    private void payNewOrder(int totalFen) {
        String codeUrl = nativePay.prepay(request(newOutTradeNo(), totalFen)).getCodeUrl();
        Http.postJson("http://127.0.0.1:" + port + "/sandbox/wechatpay/buyer/pay", Map.of("code_url", codeUrl));
    }

    private PrepayRequest request(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("fault");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("http://127.0.0.1:" + port + "/test-inbox/" + box);
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        return request;
    }
}
