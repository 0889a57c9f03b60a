package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.support.OperatorClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A merchant's whole path, as it would take it: register with the channel (the sandbox, mounted in the same
 * process), give the credentials to the operator, take a payment through the SDK, let the buyer pay in the
 * sandbox, and see it PAID by the channel's notification; then refund. Everything over HTTP, the channels spoken to
 * by the official SDKs. The other *EndToEndTest classes take each rule apart.
 */
@SandboxEndToEnd
class SandboxEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    OperatorClient operator;
    Sandbox sandbox;
    SandboxBuyer buyer;
    PaymentRecords records;

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        sandbox = new Sandbox(operator.baseUrl());
        buyer = new SandboxBuyer(sandbox);
        records = new PaymentRecords(jdbc);
    }

    @Test
    void anAlipayQrPaymentIsPaidByTheNotificationAndRefunded() {
        Shop shop = Shop.open(operator, sandbox, Channel.ALIPAY);
        PaymentApi.Payment payment =
                shop.payments.create(PaymentRequest.of(Shop.outTradeNo(), 1999, "通宝 会员", "ALIPAY_QR"));
        assertThat(payment.action().type()).isEqualTo("QR_CODE");

        buyer.pays(payment);

        // the janitor's first query is a minute away: PAID within seconds is the notification's doing
        await().atMost(Duration.ofSeconds(20)).until(() -> shop.isPaid(payment.id()));

        PaymentApi.Refund refund =
                shop.payments.refund(payment.id(), new PaymentApi.RefundRequest("R" + Shop.outTradeNo(), 999, "size"));
        records.makeRefundQueriesDue(payment.id());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> shop.payments.refunds(payment.id()).stream()
                        .anyMatch(r -> r.id().equals(refund.id()) && r.status().equals("SUCCEEDED")));
        assertThat(shop.payments.get(payment.id()).amountRefunded()).isEqualTo(999);
    }

    @Test
    void anAlipayPcPaymentAnswersWithTheCashierFormAndCanBeClosed() {
        Shop shop = Shop.open(operator, sandbox, Channel.ALIPAY);
        PaymentApi.Payment payment = shop.payments.create(PaymentRequest.of(Shop.outTradeNo(), 500, "pc", "ALIPAY_PC"));

        assertThat(payment.action().type()).isEqualTo("REDIRECT_FORM");
        assertThat((String) payment.action().data().get("html"))
                .contains(shop.alipay.gatewayUrl())
                .contains("<form");
        assertThat(shop.payments.close(payment.id()).status()).isEqualTo("CLOSED");
    }

    @Test
    void aWechatNativePaymentIsPaidByTheEncryptedNotificationAndRefunded() {
        Shop shop = Shop.open(operator, sandbox, Channel.WECHATPAY);
        PaymentApi.Payment payment =
                shop.payments.create(PaymentRequest.of(Shop.outTradeNo(), 880, "native", "WECHAT_NATIVE"));
        assertThat(payment.action().type()).isEqualTo("QR_CODE");

        buyer.pays(payment);

        await().atMost(Duration.ofSeconds(20)).until(() -> shop.isPaid(payment.id()));
        shop.payments.refund(payment.id(), new PaymentApi.RefundRequest("R" + Shop.outTradeNo(), 880, "all"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> shop.payments.refunds(payment.id()).stream()
                        .allMatch(r -> r.status().equals("SUCCEEDED")));
    }
}
