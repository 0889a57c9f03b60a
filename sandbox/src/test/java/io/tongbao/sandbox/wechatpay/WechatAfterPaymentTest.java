package io.tongbao.sandbox.wechatpay;

import static io.tongbao.sandbox.wechatpay.WechatPaymentTest.newOutTradeNo;
import static io.tongbao.sandbox.wechatpay.WechatPaymentTest.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.billdownload.BillDownloadService;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.HashType;
import com.wechat.pay.java.service.billdownload.model.QueryBillEntity;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.NotificationInbox;
import io.tongbao.sandbox.NotificationInbox.Answer;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class WechatAfterPaymentTest {

    @LocalServerPort
    int port;

    @Autowired
    NotificationInbox inbox;

    @Autowired
    SandboxClock clock;

    WechatSandboxMerchant merchant;
    NativePayService nativePay;
    RefundService refunds;
    String box;

    @BeforeEach
    void registerMerchant() {
        merchant = WechatSandboxMerchant.register(port, "PUBLIC_KEY");
        nativePay =
                new NativePayService.Builder().httpClient(merchant.httpClient()).build();
        refunds = new RefundService.Builder().httpClient(merchant.httpClient()).build();
        box = "wechat-" + UUID.randomUUID();
    }

    @Test
    void refundsAreAcceptedThenSucceedWithANotificationAndNeverExceedThePaidAmount() {
        String outTradeNo = paidOrder(1000);

        Refund accepted = refunds.create(refundRequest(outTradeNo, "RF1", 300, 1000));
        assertThat(accepted.getStatus()).isEqualTo(Status.PROCESSING);
        assertThat(accepted.getAmount().getRefund()).isEqualTo(300L);

        await().atMost(Duration.ofSeconds(10)).until(() -> queryRefund("RF1").getStatus() == Status.SUCCESS);
        assertThat(refunds.create(refundRequest(outTradeNo, "RF1", 300, 1000)).getRefundId())
                .isEqualTo(accepted.getRefundId());
        assertThat(serviceError(() -> refunds.create(refundRequest(outTradeNo, "RF2", 701, 1000)))
                        .getErrorCode())
                .isEqualTo("INVALID_REQUEST");
        assertThat(serviceError(() -> refunds.create(refundRequest(outTradeNo, "RF3", 100, 999)))
                        .getErrorCode())
                .isEqualTo("INVALID_REQUEST");
        assertThat(query(outTradeNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.REFUND);

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 2);
        RefundNotification notified = new NotificationParser(merchant.notificationConfig())
                .parse(WechatNotifications.asRequestParam(inbox.received(box).get(1)), RefundNotification.class);
        assertThat(notified.getRefundStatus()).isEqualTo(Status.SUCCESS);
        assertThat(notified.getOutRefundNo()).isEqualTo("RF1");
        assertThat(notified.getAmount().getRefund()).isEqualTo(300L);
    }

    @Test
    void anUnpaidOrderCannotBeRefundedAndAnUnknownRefundDoesNotExist() {
        String outTradeNo = newOutTradeNo();
        nativePay.prepay(nativeRequest(outTradeNo, 100));
        assertThat(serviceError(() -> refunds.create(refundRequest(outTradeNo, "RX", 100, 100)))
                        .getErrorCode())
                .isEqualTo("INVALID_REQUEST");
        assertThat(serviceError(() -> queryRefund("NO-SUCH-REFUND")).getErrorCode())
                .isEqualTo("RESOURCE_NOT_EXISTS");
    }

    @Test
    void aNotificationIsRetriedOnWechatsScheduleUntilTheMerchantAnswers200Or204() {
        inbox.script(
                box,
                new Answer(500, "{\"code\":\"FAIL\",\"message\":\"busy\"}"),
                new Answer(302, ""),
                new Answer(204, ""));
        paidOrder(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 1);
        clock.advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 2);
        clock.advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received(box).size() == 3);

        clock.advance(Duration.ofHours(25));
        assertThat(inbox.received(box)).hasSize(3);
        assertThat(inbox.received(box))
                .extracting(NotificationInbox.Received::body)
                .doesNotHaveDuplicates();
        assertThat(WechatNotification.RETRY_INTERVALS).hasSize(15);
        assertThat(WechatNotification.RETRY_INTERVALS.stream().reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(Duration.ofHours(24).plusMinutes(4));
    }

    @Test
    void yesterdaysTradeBillDownloadsWithAMatchingHashAndItsLinkExpires() throws IOException {
        String outTradeNo = paidOrder(1234);
        refunds.create(refundRequest(outTradeNo, "RB1", 234, 1234));
        await().atMost(Duration.ofSeconds(10)).until(() -> queryRefund("RB1").getStatus() == Status.SUCCESS);
        LocalDate day = clock.instant().atZone(SandboxClock.CHINA).toLocalDate();
        BillDownloadServiceExtension bills = new BillDownloadServiceExtension.Builder()
                .config(merchant.config())
                .httpClient(merchant.httpClient())
                .build();

        assertThat(serviceError(() -> bills.getTradeBill(billRequest(day))).getErrorCode())
                .isEqualTo("NO_STATEMENT_EXIST");
        clock.advance(Duration.ofDays(1));

        DigestBillEntity bill = bills.getTradeBill(billRequest(day));
        String content = new String(bill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bill.verifyHash()).isTrue();
        assertThat(content)
                .startsWith("交易时间,公众账号ID,商户号")
                .contains("`" + outTradeNo + ",")
                .contains("`SUCCESS,")
                .contains("`REFUND,")
                .contains("`2.34,");

        QueryBillEntity link = new BillDownloadService.Builder()
                .config(merchant.config())
                .httpClient(merchant.httpClient())
                .build()
                .getTradeBill(billRequest(day));
        assertThat(link.getHashType()).isEqualTo(HashType.SHA1);
        clock.advance(Duration.ofSeconds(31));
        ServiceException expired = serviceError(() -> merchant.httpClient().download(link.getDownloadUrl()));
        assertThat(expired.getHttpStatusCode()).isEqualTo(400);
    }

    private GetTradeBillRequest billRequest(LocalDate day) {
        GetTradeBillRequest request = new GetTradeBillRequest();
        request.setBillDate(day.toString());
        request.setBillType(BillType.ALL);
        return request;
    }

    private String paidOrder(int totalFen) {
        String outTradeNo = newOutTradeNo();
        String codeUrl = nativePay.prepay(nativeRequest(outTradeNo, totalFen)).getCodeUrl();
        assertThat(Http.postJson(
                                "http://127.0.0.1:" + port + "/sandbox/wechatpay/buyer/pay",
                                Map.of("code_url", codeUrl))
                        .status())
                .isEqualTo(200);
        return outTradeNo;
    }

    private PrepayRequest nativeRequest(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("沙箱商品");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("http://127.0.0.1:" + port + "/test-inbox/" + box);
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        return request;
    }

    private CreateRequest refundRequest(String outTradeNo, String outRefundNo, long refund, long total) {
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(outTradeNo);
        request.setOutRefundNo(outRefundNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(refund);
        amount.setTotal(total);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private Refund queryRefund(String outRefundNo) {
        QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
        request.setOutRefundNo(outRefundNo);
        return refunds.queryByOutRefundNo(request);
    }

    private Transaction query(String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(merchant.mchid());
        request.setOutTradeNo(outTradeNo);
        return nativePay.queryOrderByOutTradeNo(request);
    }
}
