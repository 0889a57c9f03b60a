package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.sdk.PaymentApi.Refund;
import io.tongbao.sdk.PaymentApi.RefundRequest;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.shared.PayWay;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Refunds end to end against the sandbox: partial, many, the rest, never more than was paid, each confirmed by the
 * channel; and the end of Alipay's refund window (TRADE_FINISHED), after which a payment is no longer refundable.
 */
@SandboxEndToEnd
class RefundsEndToEndTest extends SandboxShopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void manyPartialRefundsAndThenTheRestAddUpToThePaidAmountAndNoMore(PayWay way) {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = paid(shop, way, 1000);
        String tradeNo = records.attempt(payment.id()).id();

        RefundRequest first = new RefundRequest("R" + Shop.outTradeNo(), 100, "one sock");
        Refund one = shop.payments.refund(payment.id(), first);
        Refund two = shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 250, "a shirt"));
        Refund three = shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 150, "a hat"));
        assertThat(shop.payments.refund(payment.id(), first).id())
                .as("the same refund number again")
                .isEqualTo(one.id());
        Refund rest = shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 500, "the rest"));

        // the janitor's refund queries are a minute away: SUCCEEDED within seconds is the channel's notification
        await().atMost(PATIENCE)
                .until(() -> shop.payments.refunds(payment.id()).stream()
                        .allMatch(r -> r.status().equals("SUCCEEDED")));
        assertThat(shop.payments.refunds(payment.id()))
                .extracting(Refund::id, Refund::amount)
                .containsExactly(
                        Tuple.tuple(one.id(), 100L), Tuple.tuple(two.id(), 250L),
                        Tuple.tuple(three.id(), 150L), Tuple.tuple(rest.id(), 500L));
        assertThat(shop.payments.get(payment.id()).amountRefunded()).isEqualTo(1000);
        assertThatThrownBy(
                        () -> shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 1, "more")))
                .isInstanceOfSatisfying(
                        TongbaoException.class, e -> assertThat(e.code()).isEqualTo("REFUND_EXCEEDS_PAID"));
        List<String> refundNotices = sandbox.summariesInSendingOrder(shop.account(way), tradeNo).stream()
                .skip(1)
                .toList();
        assertThat(refundNotices)
                .as("what the channel refunded")
                .containsExactlyElementsOf(
                        way == PayWay.ALIPAY_QR
                                ? List.of(
                                        "TRADE_SUCCESS refund_fee=1.00",
                                        "TRADE_SUCCESS refund_fee=3.50",
                                        "TRADE_SUCCESS refund_fee=5.00",
                                        "TRADE_CLOSED refund_fee=10.00")
                                : List.of("REFUND.SUCCESS", "REFUND.SUCCESS", "REFUND.SUCCESS", "REFUND.SUCCESS"));
        await().atMost(PATIENCE)
                .until(() -> shop.events("refund.succeeded", null).size() == 4);
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PAID");
    }

    @Test
    void afterTheRefundWindowEndsAPaymentIsNoLongerRefundable() {
        PayWay way = PayWay.ALIPAY_QR;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = paid(shop, way, 1000);
        Refund early = shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 300, "in time"));
        await().atMost(PATIENCE)
                .until(() ->
                        shop.payments.refunds(payment.id()).getFirst().status().equals("SUCCEEDED"));

        // Alipay turns TRADE_SUCCESS into TRADE_FINISHED when the refund window ends, and says so
        sandbox.advance(Duration.parse(Sandbox.REFUND_WINDOW).plusMinutes(1));

        await().atMost(PATIENCE).until(() -> !shop.payments.get(payment.id()).refundable());
        assertThatThrownBy(() ->
                        shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 100, "too late")))
                .isInstanceOfSatisfying(TongbaoException.class, e -> {
                    assertThat(e.code()).isEqualTo("PAYMENT_NOT_REFUNDABLE");
                    assertThat(e.getMessage()).contains("no longer accepts refunds");
                });
        Payment after = shop.payments.get(payment.id());
        assertThat(after.status()).isEqualTo("PAID");
        assertThat(after.amountRefunded()).isEqualTo(300);
        assertThat(shop.payments.refunds(payment.id())).extracting(Refund::id).containsExactly(early.id());
        assertThat(shop.events("payment.succeeded", payment.id())).hasSize(1);
    }

    private Payment paid(Shop shop, PayWay way, long amount) {
        Payment payment = shop.create(way, amount);
        buyer.pays(payment);
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        return shop.payments.get(payment.id());
    }
}
