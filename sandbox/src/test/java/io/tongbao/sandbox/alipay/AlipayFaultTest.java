package io.tongbao.sandbox.alipay;

import static io.tongbao.sandbox.alipay.AlipayPaymentTest.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.NotificationInbox;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class AlipayFaultTest {

    @LocalServerPort
    int port;

    @Autowired
    NotificationInbox inbox;

    @Autowired
    SandboxClock clock;

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
    void aDroppedNotificationNeverArrivesAndTheLogSaysSo() throws Exception {
        inject(Map.of("kind", "NOTIFY_DROP", "times", 1));
        String outTradeNo = paid("1.00");

        assertThat(notificationStates(outTradeNo)).containsExactly("DROPPED");
        clock.advance(Duration.ofHours(30));
        assertThat(inbox.received(box)).isEmpty();
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void aDuplicatedNotificationArrivesSeveralTimesWithTheSameNotifyId() throws Exception {
        inject(Map.of("kind", "NOTIFY_DUPLICATE", "count", 3, "times", 1));
        paid("1.00");

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 3);
        assertThat(inbox.received(box))
                .extracting(received -> received.params().get("notify_id"))
                .containsOnly(inbox.received(box).getFirst().params().get("notify_id"));
    }

    @Test
    void aDelayedNotificationWaitsForSandboxTime() throws Exception {
        inject(Map.of("kind", "NOTIFY_DELAY", "delay_seconds", 600, "times", 1));
        String outTradeNo = paid("1.00");
        assertThat(notificationStates(outTradeNo)).containsExactly("PENDING");
        assertThat(inbox.received(box)).isEmpty();

        clock.advance(Duration.ofMinutes(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
    }

    @Test
    void reorderedNotificationsArriveNewestFirst() throws Exception {
        inject(Map.of("kind", "NOTIFY_REORDER", "times", 2));
        String outTradeNo = paid("5.00");
        assertThat(notificationStates(outTradeNo)).containsExactly("HELD");

        AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
        refund.setBizContent(
                "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_request_no\":\"R1\",\"refund_amount\":\"1.00\"}");
        app.client().execute(refund);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 2);

        assertThat(inbox.received(box).get(0).params()).containsEntry("refund_fee", "1.00");
        assertThat(inbox.received(box).get(1).params()).doesNotContainKey("refund_fee");
    }

    @Test
    void aNotificationWithATamperedSignatureFailsTheSdksCheck() throws Exception {
        inject(Map.of("kind", "NOTIFY_TAMPER_SIGNATURE", "times", 1));
        paid("1.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
        Map<String, String> params =
                new HashMap<>(inbox.received(box).getFirst().params());
        assertThat(AlipaySignature.rsaCheckV1(params, app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isFalse();
    }

    @Test
    void aNotificationWithATamperedAmountVerifiesButDoesNotMatchTheOrder() throws Exception {
        inject(Map.of("kind", "NOTIFY_TAMPER_AMOUNT", "times", 1));
        paid("1.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
        Map<String, String> params =
                new HashMap<>(inbox.received(box).getFirst().params());
        assertThat(params).containsEntry("total_amount", "2.00");
        assertThat(AlipaySignature.rsaCheckV1(params, app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isTrue();
    }

    @Test
    void aFaultForOneOrderLeavesTheOthersAlone() throws Exception {
        String target = newOutTradeNo();
        inject(Map.of("kind", "NOTIFY_DROP", "out_trade_no", target));
        pay(target, "1.00");
        String other = paid("1.00");

        assertThat(notificationStates(target)).containsExactly("DROPPED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> notificationStates(other).equals(List.of("ACKNOWLEDGED")));
    }

    @Test
    void aSystemErrorIsAnsweredOnceAsAlipayDoes() throws Exception {
        String outTradeNo = paid("1.00");
        inject(Map.of("kind", "API_SYSTEM_ERROR", "times", 1));

        AlipayTradeQueryResponse busy = query(outTradeNo);
        assertThat(busy.getCode()).isEqualTo("20000");
        assertThat(busy.getSubCode()).isEqualTo("isp.unknow-error");
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void anHttp5xxAndATimeoutReachTheSdkAsExceptions() throws Exception {
        String outTradeNo = paid("1.00");
        inject(Map.of("kind", "API_HTTP_5XX", "times", 1));
        assertThatThrownBy(() -> query(outTradeNo)).isInstanceOf(AlipayApiException.class);

        inject(Map.of("kind", "API_TIMEOUT", "delay_seconds", 2, "times", 1));
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(baseUrl + "/sandbox/alipay/gateway.do");
        config.setAppId(app.appId());
        config.setPrivateKey(app.privateKey());
        config.setAlipayPublicKey(app.alipayPublicKey());
        config.setSignType("RSA2");
        config.setReadTimeout(500);
        DefaultAlipayClient impatient = new DefaultAlipayClient(config);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        assertThatThrownBy(() -> impatient.execute(request))
                .isInstanceOf(AlipayApiException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void faultsCanBeListedAndRemoved() {
        Http.Reply added = inject(Map.of("kind", "API_SYSTEM_ERROR"));
        String id = (String) added.json().get("id");
        assertThat(Http.get(baseUrl + "/sandbox/faults").body()).contains(id);

        HttpResponse<Void> removed = delete(baseUrl + "/sandbox/faults/" + id);
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(Http.get(baseUrl + "/sandbox/faults").body()).doesNotContain(id);
        assertThat(inject(Map.of("kind", "NO_SUCH_FAULT")).status()).isEqualTo(400);
    }

    private Http.Reply inject(Map<String, Object> fault) {
        Map<String, Object> body = new LinkedHashMap<>(fault);
        body.put("account", app.appId());
        return Http.postJson(baseUrl + "/sandbox/faults", body);
    }

    @SuppressWarnings("unchecked")
    private List<String> notificationStates(String outTradeNo) {
        Map<String, Object> log = Http.get(baseUrl + "/sandbox/notifications?out_trade_no=" + outTradeNo)
                .json();
        return ((List<Map<String, Object>>) log.get("notifications"))
                .stream().map(record -> (String) record.get("state")).toList();
    }

    private String paid(String amount) throws AlipayApiException {
        String outTradeNo = newOutTradeNo();
        pay(outTradeNo, amount);
        return outTradeNo;
    }

    private void pay(String outTradeNo, String amount) throws AlipayApiException {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject("fault");
        model.setScene("bar_code");
        model.setAuthCode(AlipayAfterPaymentTest.PAID_AUTH_CODE);
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(baseUrl + "/test-inbox/" + box);
        assertThat(app.client().execute(request).getCode()).isEqualTo("10000");
    }

    private AlipayTradeQueryResponse query(String outTradeNo) throws AlipayApiException {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        return app.client().execute(request);
    }

    private static HttpResponse<Void> delete(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
