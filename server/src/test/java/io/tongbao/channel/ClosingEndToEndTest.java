package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.shared.PayWay;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closing end to end against the sandbox: by the merchant or by expiry, always at the channel first and locally
 * only once the channel agreed; a close that races the buyer finds the payment paid; and money that arrives for a
 * payment Tongbao already closed is an exception, refunded automatically, never a silent flip.
 */
@SandboxEndToEnd
class ClosingEndToEndTest extends SandboxShopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void theMerchantClosesAtTheChannelFirstAndOnlyThenLocally(PayWay way) {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 700);
        String tradeNo = way == PayWay.ALIPAY_QR ? buyer.opensAlipayTrade(payment) : null;
        String fault = sandbox.fault(shop.account(way), "API_SYSTEM_ERROR", Map.of());

        assertThatThrownBy(() -> shop.payments.close(payment.id()))
                .isInstanceOfSatisfying(
                        TongbaoException.class, e -> assertThat(e.code()).isEqualTo("CHANNEL_UNAVAILABLE"));
        assertThat(shop.payments.get(payment.id()).status())
                .as("the channel did not confirm")
                .isEqualTo("PENDING");

        sandbox.removeFault(fault);
        Payment closed = shop.payments.close(payment.id());

        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closedAt()).isNotNull();
        assertTheBuyerCanNoLongerPay(way, payment, tradeNo);
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.closed", payment.id()).size() == 1);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void anExpiredPaymentIsClosedAtTheChannelFirstAndThenLocally(PayWay way) {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 800);
        String tradeNo = way == PayWay.ALIPAY_QR ? buyer.opensAlipayTrade(payment) : null;
        PaymentRecords.Attempt attempt = records.attempt(payment.id());
        String fault = sandbox.fault(shop.account(way), "API_SYSTEM_ERROR", Map.of());

        records.expire(payment.id());
        records.makeQueryDue(payment.id());

        await().atMost(PATIENCE).until(() -> records.attempt(payment.id()).queryCount() > attempt.queryCount());
        assertThat(shop.payments.get(payment.id()).status())
                .as("the channel could not be asked")
                .isEqualTo("PENDING");
        assertThat(records.attempt(payment.id()).status()).isEqualTo("PENDING");

        sandbox.removeFault(fault);
        records.makeQueryDue(payment.id());

        await().atMost(PATIENCE)
                .until(() -> shop.payments.get(payment.id()).status().equals("CLOSED"));
        assertThat(records.attempt(payment.id())).satisfies(a -> {
            assertThat(a.id()).isEqualTo(attempt.id());
            assertThat(a.status()).isEqualTo("CLOSED");
        });
        assertTheBuyerCanNoLongerPay(way, payment, tradeNo);
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.closed", payment.id()).size() == 1);
    }

    @Test
    void aCloseThatRacesTheBuyerFindsThePaymentPaidAndTheLateNotificationChangesNothing() {
        PayWay way = PayWay.WECHAT_NATIVE;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 900);
        String tradeNo = records.attempt(payment.id()).id();
        sandbox.fault(shop.account(way), "NOTIFY_DELAY", Map.of("out_trade_no", tradeNo, "delay_seconds", 120));
        buyer.pays(payment);

        assertThatThrownBy(() -> shop.payments.close(payment.id()))
                .isInstanceOfSatisfying(
                        TongbaoException.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_PAID"));
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PAID");

        sandbox.advance(Duration.ofSeconds(121));
        await().atMost(PATIENCE)
                .until(() ->
                        sandbox.notificationStates(shop.account(way), tradeNo).contains("ACKNOWLEDGED"));
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PAID");
        assertThat(records.exceptions(shop.appId)).isEmpty();
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.succeeded", payment.id()).size() == 1);
    }

    /**
     * Alipay knows a precreated QR code's trade only once a buyer scans it, so closing an unscanned one closes
     * nothing there (ACQ.TRADE_NOT_EXIST) and Tongbao closes locally; a buyer who scans the code afterwards can still
     * pay. That money is recorded, announced and given back: the closed payment is never flipped to PAID.
     */
    @Test
    void moneyForAPaymentClosedBeforeTheBuyerPaidIsAnExceptionAndRefundedAutomatically() {
        PayWay way = PayWay.ALIPAY_QR;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1100);
        String tradeNo = records.attempt(payment.id()).id();
        assertThat(shop.payments.close(payment.id()).status()).isEqualTo("CLOSED");

        buyer.pays(payment);

        await().atMost(PATIENCE)
                .until(() -> records.exceptions(shop.appId).stream()
                        .anyMatch(e -> e.kind().equals("PAID_AFTER_CLOSE")));
        assertThat(records.exceptions(shop.appId)).singleElement().satisfies(e -> {
            assertThat(e.paymentId()).isEqualTo(payment.id());
            assertThat(e.attemptId()).isEqualTo(tradeNo);
            assertThat(e.resolution()).isEqualTo("AUTO_REFUND");
        });
        await().atMost(PATIENCE)
                .until(() -> shop.payments.refunds(payment.id()).stream()
                        .anyMatch(r -> r.status().equals("SUCCEEDED")));
        assertThat(shop.payments.refunds(payment.id())).singleElement().satisfies(r -> {
            assertThat(r.automatic()).isTrue();
            assertThat(r.amount()).isEqualTo(1100);
        });
        assertThat(sandbox.summariesInSendingOrder(shop.account(way), tradeNo))
                .as("the channel took the money, then gave all of it back")
                .containsExactly("TRADE_SUCCESS", "TRADE_CLOSED refund_fee=11.00");
        Payment after = shop.payments.get(payment.id());
        assertThat(after.status()).isEqualTo("CLOSED");
        assertThat(after.amountRefunded())
                .as("the merchant's payment never held this money")
                .isZero();
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.exception", payment.id()).size() == 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> exception = (Map<String, Object>)
                shop.events("payment.exception", payment.id()).getFirst().get("data");
        assertThat(exception)
                .containsEntry("kind", "PAID_AFTER_CLOSE")
                .containsEntry("amount", 1100)
                .containsEntry("resolution", "AUTO_REFUND");
        assertThat(shop.events("payment.succeeded", payment.id())).isEmpty();
        await().atMost(PATIENCE)
                .until(() -> shop.events("refund.succeeded", null).stream()
                        .anyMatch(e -> Boolean.TRUE.equals(((Map<?, ?>) e.get("data")).get("automatic"))));
    }

    private void assertTheBuyerCanNoLongerPay(PayWay way, Payment payment, String tradeNo) {
        Sandbox.Reply refused =
                way == PayWay.ALIPAY_QR ? buyer.triesToPayAlipayTrade(tradeNo) : buyer.triesToPayWechat(payment);
        assertThat(refused.status()).as(refused.raw()).isBetween(400, 499);
        assertThat(refused.body().get("code").asString()).isIn("ACQ.TRADE_HAS_CLOSE", "ORDER_CLOSED");
    }
}
