package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.support.OperatorClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every pay way, end to end through the SDK against the sandbox: the client gets exactly what it needs, the buyer
 * pays with it in the sandbox, and the payment reaches PAID by the channel's notification alone, or, with the
 * notifications lost, by the janitor's query alone.
 */
@SandboxEndToEnd
@ExtendWith(OutputCaptureExtension.class)
class PayWaysEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    PublishedPaymentEvents published;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    /** One shop for the class, with both channels: faults below are injected per trade. */
    static Shop shop;

    OperatorClient operator;
    Sandbox sandbox;
    SandboxBuyer buyer;
    PaymentRecords records;

    @BeforeEach
    void setUp() {
        operator = new OperatorClient(port, jdbc, passwords);
        sandbox = new Sandbox(operator.baseUrl());
        buyer = new SandboxBuyer(sandbox);
        records = new PaymentRecords(jdbc);
        if (shop == null) {
            shop = Shop.open(operator, sandbox, Channel.ALIPAY, Channel.WECHATPAY);
        }
    }

    @AfterEach
    void removeFaults() {
        sandbox.clearFaults();
    }

    @ParameterizedTest
    @EnumSource(PayWay.class)
    void everyPayWayIsPaidByTheChannelsNotification(PayWay way) {
        Payment payment = shop.create(way, 1234);
        assertThat(payment.status()).isEqualTo("PENDING");
        assertThat(payment.action().type()).isEqualTo(actionOf(way));
        String tradeNo = records.attempt(payment.id()).id();
        // the janitor is kept away: only the notification can settle this payment
        records.holdQueries(payment.id());

        buyer.pays(payment);

        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        Payment paid = shop.payments.get(payment.id());
        assertThat(paid.amount()).isEqualTo(1234);
        assertThat(paid.paidAt()).isNotNull();
        assertThat(paid.action()).isNull();
        assertThat(sandbox.notificationStates(shop.account(way), tradeNo)).containsExactly("ACKNOWLEDGED");
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.succeeded", payment.id()).size() == 1);
        assertThat(records.exceptions(shop.appId))
                .extracting(PaymentRecords.Exception::attemptId)
                .doesNotContain(tradeNo);
    }

    @ParameterizedTest
    @EnumSource(PayWay.class)
    void everyPayWayIsPaidByTheJanitorsQueryWhenNotificationsAreLost(PayWay way) {
        Payment payment = shop.create(way, 2345);
        PaymentRecords.Attempt attempt = records.attempt(payment.id());
        sandbox.fault(shop.account(way), "NOTIFY_DROP", Map.of("out_trade_no", attempt.id()));
        Duration firstQuery = way == PayWay.ALIPAY_BARCODE ? Duration.ofSeconds(3) : Duration.ofMinutes(1);
        assertThat(Duration.between(attempt.createdAt(), attempt.nextQueryAt()))
                .as("the janitor's first query of a " + way + " payment, counted from the channel's answer")
                .isBetween(firstQuery, firstQuery.plusSeconds(15));
        records.holdQueries(payment.id());

        buyer.pays(payment);

        await().atMost(PATIENCE)
                .until(() -> sandbox.notificationStates(shop.account(way), attempt.id())
                        .contains("DROPPED"));
        assertThat(shop.payments.get(payment.id()).status())
                .as("no one told Tongbao yet")
                .isEqualTo("PENDING");
        records.makeQueryDue(payment.id());
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        assertThat(shop.payments.get(payment.id()).amount()).isEqualTo(2345);
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.succeeded", payment.id()).size() == 1);
    }

    @Test
    void aWechatBarcodeIsRefusedAsUnsupportedForDirectApiV3Merchants() {
        String outTradeNo = Shop.outTradeNo();
        PaymentRequest barcode = new PaymentRequest(
                outTradeNo,
                100,
                "CNY",
                "micropay",
                null,
                "WECHAT_BARCODE",
                null,
                null,
                null,
                null,
                null,
                null,
                "134567890123456789",
                null);

        assertThatThrownBy(() -> shop.payments.create(barcode)).isInstanceOfSatisfying(TongbaoException.class, e -> {
            assertThat(e.code()).isEqualTo("PAY_WAY_NOT_SUPPORTED");
            assertThat(e.getMessage()).contains("WeChat Pay barcode").contains("ALIPAY_BARCODE");
        });
        assertThat(shop.payments
                        .list(outTradeNo, null, null, null, null, null, 10)
                        .data())
                .isEmpty();
    }

    @Test
    void aBarcodeThatPaysAtOnceIsPaidInTheAnswerAndItsNotificationChangesNothing() {
        PaymentRequest order = Shop.order(PayWay.ALIPAY_BARCODE, 3456);
        PaymentRequest paidAtOnce = new PaymentRequest(
                order.outTradeNo(),
                order.amount(),
                "CNY",
                order.subject(),
                null,
                order.payWay(),
                null,
                null,
                null,
                null,
                null,
                null,
                "281234567890120000",
                null);

        Payment payment = shop.payments.create(paidAtOnce);

        assertThat(payment.status()).isEqualTo("PAID");
        assertThat(payment.amount()).isEqualTo(3456);
        String tradeNo = records.attempt(payment.id()).id();
        await().atMost(PATIENCE)
                .until(() ->
                        sandbox.notificationStates(shop.alipay.appId(), tradeNo).equals(List.of("ACKNOWLEDGED")));
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.succeeded", payment.id()).size() == 1);
        assertThat(published.succeeded(payment.id())).isEqualTo(1);
    }

    @Test
    void aBarcodeTheChannelRefusesIsAClearErrorAndThePaymentCodeNeverReachesTheLog(CapturedOutput output) {
        String authCode = "281234567890133333";
        PaymentRequest order = Shop.order(PayWay.ALIPAY_BARCODE, 4567);
        PaymentRequest broke = new PaymentRequest(
                order.outTradeNo(),
                order.amount(),
                "CNY",
                order.subject(),
                null,
                order.payWay(),
                null,
                null,
                null,
                null,
                null,
                null,
                authCode,
                null);

        assertThatThrownBy(() -> shop.payments.create(broke)).isInstanceOfSatisfying(TongbaoException.class, e -> {
            assertThat(e.code()).isEqualTo("CHANNEL_REFUSED");
            assertThat(e.getMessage()).contains("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        });
        assertThat(output.getAll()).doesNotContain(authCode);
    }

    /** docs/payments.md: what the client is handed, by pay way. */
    private static String actionOf(PayWay way) {
        return switch (way) {
            case ALIPAY_PC -> "REDIRECT_FORM";
            case ALIPAY_WAP -> "REDIRECT_URL";
            case ALIPAY_APP -> "APP_ORDER_STRING";
            case ALIPAY_QR, WECHAT_NATIVE -> "QR_CODE";
            case ALIPAY_JSAPI, WECHAT_JSAPI, WECHAT_MINI -> "JSAPI_PARAMS";
            case WECHAT_APP -> "APP_PARAMS";
            case WECHAT_H5 -> "H5_URL";
            case ALIPAY_BARCODE -> "NONE";
        };
    }
}
