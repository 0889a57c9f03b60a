package io.tongbao.sandbox.alipay;

import static io.tongbao.sandbox.alipay.AlipayPaymentTest.newOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.NotificationInbox;
import io.tongbao.sandbox.NotificationInbox.Answer;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class AlipayAfterPaymentTest {

    /** Ends in 1111: the buyer must enter a password; see docs/sandbox.md. */
    static final String PASSWORD_AUTH_CODE = "281234567890121111";

    static final String PAID_AUTH_CODE = "281234567890120000";
    static final String NEVER_PAYS_AUTH_CODE = "281234567890122222";
    static final String POOR_BUYER_AUTH_CODE = "281234567890123333";

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
    void barcodePaidAtOnceAnswersWithThePayment() throws Exception {
        AlipayTradePayResponse paid = barcode(newOutTradeNo(), PAID_AUTH_CODE, "12.34");
        assertThat(paid.getCode()).isEqualTo("10000");
        assertThat(paid.getTotalAmount()).isEqualTo("12.34");
        assertThat(paid.getGmtPayment()).isNotNull();
        assertThat(paid.getFundBillList()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.received(box).isEmpty());
    }

    @Test
    void barcodeWaitingForThePasswordIsPaidWhenTheBuyerHasTypedIt() throws Exception {
        String outTradeNo = newOutTradeNo();
        AlipayTradePayResponse waiting = barcode(outTradeNo, PASSWORD_AUTH_CODE, "1.00");
        assertThat(waiting.getCode()).isEqualTo("10003");
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        clock.advance(Duration.ofSeconds(11));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "TRADE_SUCCESS".equals(query(outTradeNo).getTradeStatus()));
    }

    @Test
    void barcodeRefusalsCarryAlipaysSubCodes() throws Exception {
        assertThat(barcode(newOutTradeNo(), POOR_BUYER_AUTH_CODE, "1.00").getSubCode())
                .isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(barcode(newOutTradeNo(), "12345", "1.00").getSubCode()).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
    }

    @Test
    void cancelClosesAnUnpaidBarcodeTradeAndRefundsAPaidOne() throws Exception {
        String unpaid = newOutTradeNo();
        barcode(unpaid, NEVER_PAYS_AUTH_CODE, "1.00");
        AlipayTradeCancelResponse closed = cancel(unpaid);
        assertThat(closed.getAction()).isEqualTo("close");
        assertThat(closed.getRetryFlag()).isEqualTo("N");
        assertThat(query(unpaid).getTradeStatus()).isEqualTo("TRADE_CLOSED");

        String paid = newOutTradeNo();
        barcode(paid, PAID_AUTH_CODE, "1.00");
        assertThat(cancel(paid).getAction()).isEqualTo("refund");
        assertThat(query(paid).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThat(refundQuery(paid, "cancel-" + query(paid).getTradeNo()).getRefundAmount())
                .isEqualTo("1.00");
    }

    @Test
    void refundsArePartialIdempotentAndNeverAboveThePaidAmount() throws Exception {
        String outTradeNo = newOutTradeNo();
        barcode(outTradeNo, PAID_AUTH_CODE, "10.00");

        AlipayTradeRefundResponse first = refund(outTradeNo, "R1", "3.00");
        assertThat(first.isSuccess()).isTrue();
        assertThat(first.getFundChange()).isEqualTo("Y");
        assertThat(first.getRefundFee()).isEqualTo("3.00");

        AlipayTradeRefundResponse retried = refund(outTradeNo, "R1", "3.00");
        assertThat(retried.getFundChange()).isEqualTo("N");
        assertThat(retried.getRefundFee()).isEqualTo("3.00");

        assertThat(refund(outTradeNo, "R2", "7.01").getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_SUCCESS");

        AlipayTradeRefundResponse rest = refund(outTradeNo, "R2", "7.00");
        assertThat(rest.getRefundFee()).isEqualTo("10.00");
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_CLOSED");

        AlipayTradeFastpayRefundQueryResponse found = refundQuery(outTradeNo, "R1");
        assertThat(found.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(found.getRefundAmount()).isEqualTo("3.00");
        AlipayTradeFastpayRefundQueryResponse unknown = refundQuery(outTradeNo, "R9");
        assertThat(unknown.isSuccess()).isTrue();
        assertThat(unknown.getRefundAmount()).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() >= 3);
        assertThat(inbox.received(box))
                .extracting(received -> received.params().get("refund_fee"))
                .contains("3.00", "10.00");
    }

    @Test
    void anUnpaidTradeCannotBeRefunded() throws Exception {
        String outTradeNo = newOutTradeNo();
        barcode(outTradeNo, NEVER_PAYS_AUTH_CODE, "1.00");
        assertThat(refund(outTradeNo, "R1", "1.00").getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    }

    @Test
    void whenTheRefundWindowEndsTheTradeIsFinishedAndNotifiedAndNoLongerRefundable() throws Exception {
        String outTradeNo = newOutTradeNo();
        barcode(outTradeNo, PAID_AUTH_CODE, "5.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);

        clock.advance(Duration.ofDays(91));

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 2);
        Map<String, String> finished = new HashMap<>(inbox.received(box).get(1).params());
        assertThat(finished).containsEntry("trade_status", "TRADE_FINISHED");
        assertThat(AlipaySignature.rsaCheckV1(finished, app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isTrue();
        assertThat(refund(outTradeNo, "R1", "1.00").getSubCode()).isEqualTo("ACQ.TRADE_HAS_FINISHED");
    }

    @Test
    void aNotificationIsRetriedOnAlipaysScheduleWithTheSameIdUntilTheBodyIsExactlySuccess() throws Exception {
        inbox.script(
                box,
                new Answer(200, "fail"),
                new Answer(500, "success"),
                new Answer(200, "SUCCESS"),
                new Answer(200, "success"));
        barcode(newOutTradeNo(), PAID_AUTH_CODE, "1.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);

        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 2);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 3);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 4);

        clock.advance(Duration.ofHours(25));
        assertThat(inbox.received(box)).hasSize(4);
        assertThat(inbox.received(box))
                .extracting(received -> received.params().get("notify_id"))
                .containsOnly(inbox.received(box).getFirst().params().get("notify_id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReceiverThatNeverAcknowledgesGetsEightTriesSpreadOver24h22m() throws Exception {
        for (int i = 0; i < 8; i++) {
            inbox.script(box, new Answer(503, "busy"));
        }
        String outTradeNo = newOutTradeNo();
        barcode(outTradeNo, PAID_AUTH_CODE, "1.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);

        clock.advance(Duration.ofHours(24).plusMinutes(22));

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 8);
        clock.advance(Duration.ofDays(2));
        List<Map<String, Object>> records =
                (List<Map<String, Object>>) Http.get(baseUrl + "/sandbox/notifications?out_trade_no=" + outTradeNo)
                        .json()
                        .get("notifications");
        assertThat(records).hasSize(1);
        assertThat(records.getFirst()).containsEntry("state", "GAVE_UP");
        List<Instant> sentAt = ((List<Map<String, Object>>) records.getFirst().get("attempts"))
                .stream()
                        .map(attempt -> Instant.parse((String) attempt.get("sent_at")))
                        .toList();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < sentAt.size(); i++) {
            gaps.add(Duration.between(sentAt.get(i - 1), sentAt.get(i)));
        }
        assertThat(gaps).isEqualTo(AlipayNotification.RETRY_INTERVALS);
        assertThat(inbox.received(box))
                .hasSize(8)
                .extracting(received -> received.params().get("notify_time"))
                .doesNotHaveDuplicates();
    }

    @Test
    void pageAndWapPaymentsLandOnTheCashier() throws Exception {
        AlipayTradePagePayModel pageModel = new AlipayTradePagePayModel();
        String pageOrder = newOutTradeNo();
        pageModel.setOutTradeNo(pageOrder);
        pageModel.setTotalAmount("66.00");
        pageModel.setSubject("PC");
        pageModel.setProductCode("FAST_INSTANT_TRADE_PAY");
        AlipayTradePagePayRequest page = new AlipayTradePagePayRequest();
        page.setBizModel(pageModel);
        page.setReturnUrl("https://merchant.example/return");
        String pageUrl = app.client().pageExecute(page, "GET").getBody();
        assertThat(redirectOf(pageUrl)).startsWith(baseUrl + "/sandbox/cashier/alipay/");
        assertThat(query(pageOrder).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        AlipayTradeWapPayModel wapModel = new AlipayTradeWapPayModel();
        String wapOrder = newOutTradeNo();
        wapModel.setOutTradeNo(wapOrder);
        wapModel.setTotalAmount("1.00");
        wapModel.setSubject("WAP");
        wapModel.setProductCode("QUICK_WAP_WAY");
        AlipayTradeWapPayRequest wap = new AlipayTradeWapPayRequest();
        wap.setBizModel(wapModel);
        String wapForm = app.client().pageExecute(wap, "POST").getBody();
        assertThat(wapForm).contains("<form").contains("/sandbox/alipay/gateway.do");
        assertThat(redirectOf(app.client().pageExecute(wap, "GET").getBody())).contains("/sandbox/cashier/alipay/");
        assertThat(query(wapOrder).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void anAppOrderStringIsPaidByTheSimulatedAlipayApp() throws Exception {
        AlipayTradeAppPayModel model = new AlipayTradeAppPayModel();
        String outTradeNo = newOutTradeNo();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount("9.99");
        model.setSubject("APP");
        model.setProductCode("QUICK_MSECURITY_PAY");
        AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(baseUrl + "/test-inbox/" + box);
        String orderString = app.client().sdkExecute(request).getBody();

        Http.Reply paid = Http.postJson(baseUrl + "/sandbox/alipay/buyer/app-pay", Map.of("order_string", orderString));
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.json()).containsEntry("resultStatus", "9000");
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_SUCCESS");

        String forged = orderString.replace("9.99", "0.01");
        assertThat(Http.postJson(baseUrl + "/sandbox/alipay/buyer/app-pay", Map.of("order_string", forged))
                        .json())
                .containsEntry("code", "isv.invalid-signature");
    }

    @Test
    void yesterdaysStatementListsPaymentsAndRefundsBehindALinkThatExpires() throws Exception {
        String outTradeNo = newOutTradeNo();
        AlipayTradePayResponse paid = barcode(outTradeNo, PAID_AUTH_CODE, "20.00");
        refund(outTradeNo, "R1", "5.00");
        LocalDate day = clock.instant().atZone(SandboxClock.CHINA).toLocalDate();

        assertThat(billUrl(day).getSubCode()).isEqualTo("isp.bill_not_exist");
        clock.advance(Duration.ofDays(1));
        AlipayDataDataserviceBillDownloadurlQueryResponse bill = billUrl(day);
        assertThat(bill.isSuccess()).isTrue();

        HttpResponse<byte[]> download = Http.getBytes(bill.getBillDownloadUrl());
        assertThat(download.statusCode()).isEqualTo(200);
        String details = unzip(download.body())
                .get(app.sellerId() + "0156_" + day.toString().replace("-", "") + "_业务明细.csv");
        assertThat(details)
                .contains(paid.getTradeNo() + "," + outTradeNo + ",交易")
                .contains(",-5.00,")
                .contains("R1");

        clock.advance(Duration.ofSeconds(31));
        assertThat(Http.getBytes(bill.getBillDownloadUrl()).statusCode()).isEqualTo(404);
    }

    private String redirectOf(String url) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), Charset.forName("GBK"))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), Charset.forName("GBK")));
            }
        }
        return files;
    }

    private AlipayDataDataserviceBillDownloadurlQueryResponse billUrl(LocalDate day) throws AlipayApiException {
        AlipayDataDataserviceBillDownloadurlQueryRequest request =
                new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizContent("{\"bill_type\":\"trade\",\"bill_date\":\"" + day + "\"}");
        return app.client().execute(request);
    }

    private AlipayTradePayResponse barcode(String outTradeNo, String authCode, String amount)
            throws AlipayApiException {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject("当面付");
        model.setScene("bar_code");
        model.setAuthCode(authCode);
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(baseUrl + "/test-inbox/" + box);
        return app.client().execute(request);
    }

    private AlipayTradeQueryResponse query(String outTradeNo) throws AlipayApiException {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        return app.client().execute(request);
    }

    private AlipayTradeCancelResponse cancel(String outTradeNo) throws AlipayApiException {
        AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        return app.client().execute(request);
    }

    private AlipayTradeRefundResponse refund(String outTradeNo, String outRequestNo, String amount)
            throws AlipayApiException {
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"out_request_no\":\"" + outRequestNo
                + "\",\"refund_amount\":\"" + amount + "\"}");
        return app.client().execute(request);
    }

    private AlipayTradeFastpayRefundQueryResponse refundQuery(String outTradeNo, String outRequestNo)
            throws AlipayApiException {
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"out_request_no\":\"" + outRequestNo + "\"}");
        return app.client().execute(request);
    }
}
