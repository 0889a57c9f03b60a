package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.payment.PaymentEvents.PaymentClosed;
import io.tongbao.payment.PaymentEvents.PaymentExceptionRaised;
import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.Refunds.RefundRequest;
import io.tongbao.payment.spi.ChannelNotifications.Outcome;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment module's rules through its Java API, on real PostgreSQL, with the channels faked and the janitor run
 * by the test after moving the clock. A database per test, so that a janitor run meets only that test's work. What
 * the merchant API adds on top (the wire, validation answers, tenancy) is {@link PaymentRulesTest}'s.
 */
class PaymentModuleTest {

    PaymentFixture fixture;
    MerchantCaller merchant;
    UnifiedOrders orders;
    Payments payments;
    Refunds refunds;

    @BeforeEach
    void setUp() {
        fixture = PaymentFixture.start();
        merchant = fixture.newMerchant();
        fixture.feeRates.put(merchant.appId(), Map.of(PayWay.ALIPAY_QR, 6000));
        orders = fixture.orders;
        payments = fixture.payments;
        refunds = fixture.refunds;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theSameOutTradeNoReturnsTheSamePaymentAndOtherParametersAreAConflict() {
        String no = no();
        Payment first = orders.order(merchant, order(no, 1999, "会员", PayWay.ALIPAY_QR));
        Payment again = orders.order(merchant, order(no, 1999, "会员", PayWay.ALIPAY_QR));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(first.action().type()).isEqualTo(ClientAction.Type.QR_CODE);
        assertThat(first.fee()).as("0.6 % of 19.99 yuan, rounded half up").isEqualTo(12L);
        assertThat(attemptsOf(first.id())).hasSize(1);
        assertRefused(
                () -> orders.order(merchant, order(no, 2000, "会员", PayWay.ALIPAY_QR)), 409, "OUT_TRADE_NO_REUSED");
    }

    @Test
    void twoHundredConcurrentIdenticalOrdersCreateOnePaymentAndOneChannelTrade() throws Exception {
        String no = no();
        int before = FakeChannelGateways.PREPAYS.get();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        ids.add(orders.order(merchant, order(no, 500, "concurrent", PayWay.ALIPAY_QR))
                                .id());
                    } catch (ApiException e) {
                        assertThat(e.code()).isEqualTo("REQUEST_IN_PROGRESS");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(fixture.jdbc
                        .sql("select count(*) from payment_order where app_id = :app and out_trade_no = :no")
                        .param("app", merchant.appId())
                        .param("no", no)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(FakeChannelGateways.PREPAYS.get() - before).isEqualTo(1);
    }

    @Test
    void aPaidNotificationIsAppliedExactlyOnceHoweverOftenItComes() throws Exception {
        Payment payment = orders.order(merchant, order(no(), 800, "eight times", PayWay.ALIPAY_QR));
        TradeRef trade = alipayQr(liveAttempt(payment.id()));
        PaidTrade paid = paid("2026112222001", 800);

        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            // all at once: without a lock one of them could still see the attempt unpaid when another paid it
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return fixture.settlement.tradePaid(trade, paid);
                }));
            }
            start.countDown();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(outcomes).containsOnly(Outcome.ACCEPTED);
        assertThat(payments.get(merchant, PaymentId.of(payment.id())).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(fixture.eventsAbout(payment.id(), PaymentSucceeded.class)).isEqualTo(1);
    }

    @Test
    void aNotificationWithAnotherAmountIsRejectedRecordedAndChangesNothing() {
        Payment payment = orders.order(merchant, order(no(), 800, "tampered", PayWay.ALIPAY_QR));
        String attempt = liveAttempt(payment.id());

        Outcome outcome = fixture.settlement.tradePaid(alipayQr(attempt), paid("2026112222002", 1));

        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(payments.get(merchant, PaymentId.of(payment.id())).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(exceptionKinds(attempt)).containsExactly("AMOUNT_MISMATCH");
    }

    @Test
    void refundsAddUpToAtMostThePaidAmountEvenWhenConcurrent() throws Exception {
        Payment payment = paidPayment(100);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String refundNo = "r" + i + "-" + UUID.randomUUID();
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        refund(payment, refundNo, 10, "concurrent");
                        accepted.incrementAndGet();
                    } catch (ApiException e) {
                        assertThat(e.code()).isEqualTo("REFUND_EXCEEDS_PAID");
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(accepted.get()).isEqualTo(10);
        assertThat(refused.get()).isEqualTo(20);
        assertThat(payments.get(merchant, PaymentId.of(payment.id())).amountRefunded())
                .isEqualTo(100);
    }

    @Test
    void partialRefundsAreConfirmedByTheChannelAndTheirNumberIsIdempotent() {
        Payment payment = paidPayment(1000);
        String refundNo = "rf-" + UUID.randomUUID();

        Refund first = refund(payment, refundNo, 300, "size");
        Refund again = refund(payment, refundNo, 300, "size");
        refund(payment, "rf-" + UUID.randomUUID(), 700, "rest");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.status()).as("accepted is not success").isEqualTo(RefundStatus.PENDING);
        assertRefused(() -> refund(payment, refundNo, 301, "size"), 409, "OUT_REFUND_NO_REUSED");
        assertRefused(() -> refund(payment, "one-more", 1, "x"), 422, "REFUND_EXCEEDS_PAID");
        refundQueriesDue();
        fixture.janitor.run();
        assertThat(refunds.refundsOf(merchant, PaymentId.of(payment.id())))
                .extracting(Refund::status)
                .containsOnly(RefundStatus.SUCCEEDED);
    }

    @Test
    void closingClosesAtTheChannelThenLocallyAndAPaidTradeCannotBeClosed() {
        Payment open = orders.order(merchant, order(no(), 300, "close me", PayWay.WECHAT_NATIVE));
        assertThat(payments.close(merchant, PaymentId.of(open.id())).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(FakeChannelGateways.TRADES.get(attemptsOf(open.id()).getFirst()))
                .isEqualTo("CLOSED");

        Payment raced = orders.order(merchant, order(no(), 300, "paid meanwhile", PayWay.ALIPAY_QR));
        FakeChannelGateways.buyerPays(liveAttempt(raced.id()));
        assertRefused(() -> payments.close(merchant, PaymentId.of(raced.id())), 422, "PAYMENT_PAID");
        assertThat(payments.get(merchant, PaymentId.of(raced.id())).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void payingAnotherWayClosesThePreviousAttemptFirst() {
        String no = no();
        Payment alipay = orders.order(merchant, order(no, 300, "two ways", PayWay.ALIPAY_QR));
        String firstAttempt = liveAttempt(alipay.id());

        Payment wechat = orders.order(merchant, order(no, 300, "two ways", PayWay.WECHAT_NATIVE));

        assertThat(wechat.id()).isEqualTo(alipay.id());
        assertThat(wechat.payWay()).isEqualTo(PayWay.WECHAT_NATIVE);
        assertThat(FakeChannelGateways.TRADES.get(firstAttempt)).isEqualTo("CLOSED");
        assertThat(liveAttempt(wechat.id())).isNotEqualTo(firstAttempt);
    }

    @Test
    void whenTheChannelCannotCloseYetAnotherWayIsARetryableConflict() {
        String no = no();
        Payment wechat = orders.order(merchant, order(no, 300, "five minutes", PayWay.WECHAT_NATIVE));
        FakeChannelGateways.CLOSE_NOT_YET.add(liveAttempt(wechat.id()));

        assertRefused(
                () -> orders.order(merchant, order(no, 300, "five minutes", PayWay.ALIPAY_QR)),
                409,
                "PREVIOUS_ATTEMPT_OPEN");
        assertThat(payments.get(merchant, PaymentId.of(wechat.id())).payWay()).isEqualTo(PayWay.WECHAT_NATIVE);
    }

    @Test
    void aSuccessAfterTheLocalCloseIsRecordedAndRefundedAutomatically() {
        Payment payment = orders.order(merchant, order(no(), 450, "late buyer", PayWay.ALIPAY_QR));
        String attempt = liveAttempt(payment.id());
        payments.close(merchant, PaymentId.of(payment.id()));

        Outcome outcome = fixture.settlement.tradePaid(alipayQr(attempt), paid("2026112222003", 450));

        assertThat(outcome).isEqualTo(Outcome.ACCEPTED);
        assertThat(payments.get(merchant, PaymentId.of(payment.id())).status())
                .as("a closed order is not flipped silently")
                .isEqualTo(PaymentStatus.CLOSED);
        assertThat(exceptionKinds(attempt)).containsExactly("PAID_AFTER_CLOSE");
        assertThat(fixture.eventsAbout(payment.id(), PaymentExceptionRaised.class))
                .isEqualTo(1);
        // the janitor submits the automatic refund; the channel's confirmation is then asked for when it is due
        fixture.janitor.run();
        assertThat(fixture.jdbc
                        .sql("select count(*) from refund where attempt_id = :a and submitted_at is not null")
                        .param("a", attempt)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(FakeChannelGateways.REFUNDED.get(attempt)).isEqualTo(450);
        refundQueriesDue();
        fixture.janitor.run();
        assertThat(refunds.refundsOf(merchant, PaymentId.of(payment.id())))
                .singleElement()
                .satisfies(refund -> {
                    assertThat(refund.automatic()).isTrue();
                    assertThat(refund.amount()).isEqualTo(450);
                    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
                });
    }

    @Test
    void theJanitorFindsAPaymentThatNoNotificationReported() {
        Payment payment = orders.order(merchant, order(no(), 650, "silent channel", PayWay.ALIPAY_QR));
        FakeChannelGateways.buyerPays(liveAttempt(payment.id()));
        fixture.clock.advance(QuerySchedule.first(PayWay.ALIPAY_QR));

        fixture.janitor.run();

        assertThat(payments.get(merchant, PaymentId.of(payment.id())).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(fixture.eventsAbout(payment.id(), PaymentSucceeded.class)).isEqualTo(1);
    }

    @Test
    void anExpiredPaymentIsClosedAtTheChannelAndThenLocally() {
        Payment payment = orders.order(merchant, order(no(), 650, "expiring", PayWay.ALIPAY_QR));
        String attempt = liveAttempt(payment.id());
        expire(payment);

        fixture.janitor.run();

        assertThat(payments.get(merchant, PaymentId.of(payment.id())).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(FakeChannelGateways.TRADES.get(attempt)).isEqualTo("CLOSED");
        assertThat(fixture.eventsAbout(payment.id(), PaymentClosed.class)).isEqualTo(1);
    }

    @Test
    void anAttemptWhoseChannelAnswerWasLostIsAskedAboutOnceStaleAndItsPaymentSettled() {
        String paymentId = orderWhoseChannelAnswerIsLost(720);
        String attempt = liveAttempt(paymentId);
        FakeChannelGateways.buyerPays(attempt);

        fixture.janitor.run();
        assertThat(attemptStatus(attempt))
                .as("a young CREATING attempt may still be waiting for its channel")
                .isEqualTo("CREATING");

        fixture.clock.advance(PaymentFixture.STALE_CREATING_AFTER.plusSeconds(1));
        fixture.janitor.run();
        assertThat(payments.get(merchant, PaymentId.of(paymentId)).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(attemptStatus(attempt)).isEqualTo("SUCCEEDED");
        assertThat(fixture.eventsAbout(paymentId, PaymentSucceeded.class)).isEqualTo(1);
    }

    @Test
    void anExpiredOrderWhoseChannelAnswerWasLostIsClosedAtTheChannelAndLocally() {
        String paymentId = orderWhoseChannelAnswerIsLost(730);
        String attempt = liveAttempt(paymentId);
        expire(payments.get(merchant, PaymentId.of(paymentId)));

        fixture.janitor.run();

        assertThat(payments.get(merchant, PaymentId.of(paymentId)).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(FakeChannelGateways.TRADES.get(attempt)).isEqualTo("CLOSED");
        assertThat(fixture.eventsAbout(paymentId, PaymentClosed.class)).isEqualTo(1);
    }

    @Test
    void anOrderWhoseChannelAnswerWasLostCanBeOrderedAgainOnceItsAttemptIsStale() {
        String subject = "answer lost " + no();
        String outTradeNo = no();
        FakeChannelGateways.ANSWER_LOST.add(subject);
        assertThatThrownBy(() -> orders.order(merchant, order(outTradeNo, 740, subject, PayWay.ALIPAY_QR)))
                .isInstanceOf(IllegalStateException.class);
        String paymentId =
                payments.byOutTradeNo(merchant, OutTradeNo.of(outTradeNo)).id();
        String lost = liveAttempt(paymentId);
        FakeChannelGateways.ANSWER_LOST.remove(subject);

        fixture.clock.advance(PaymentFixture.STALE_CREATING_AFTER.plusSeconds(1));
        fixture.janitor.run();
        assertThat(attemptStatus(lost)).isNotEqualTo("CREATING");
        Payment again = orders.order(merchant, order(outTradeNo, 740, subject, PayWay.ALIPAY_QR));

        assertThat(again.id()).isEqualTo(paymentId);
        assertThat(again.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(again.action()).isNotNull();
        assertThat(attemptStatus(lost)).isEqualTo("CLOSED");
        assertThat(FakeChannelGateways.TRADES.get(lost)).isEqualTo("CLOSED");
        assertThat(liveAttempt(paymentId)).isNotEqualTo(lost);
    }

    @Test
    void paymentsAreListedNewestFirstPageByPage() {
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 5; i++) {
            orders.order(merchant, order(prefix + i, 100 + i, "list", PayWay.ALIPAY_QR));
            fixture.clock.advance(Duration.ofSeconds(1));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Payments.Page page =
                    payments.list(merchant, null, null, PaymentStatus.PENDING, PayWay.ALIPAY_QR, null, cursor, 2);
            page.data().forEach(p -> seen.add(p.outTradeNo()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly(prefix + 4, prefix + 3, prefix + 2, prefix + 1, prefix + 0);
    }

    /** A unified order whose channel call opened the trade but whose answer was never recorded. */
    private String orderWhoseChannelAnswerIsLost(long amount) {
        String subject = "answer lost " + no();
        String outTradeNo = no();
        FakeChannelGateways.ANSWER_LOST.add(subject);
        assertThatThrownBy(() -> orders.order(merchant, order(outTradeNo, amount, subject, PayWay.ALIPAY_QR)))
                .isInstanceOf(IllegalStateException.class);
        String paymentId =
                payments.byOutTradeNo(merchant, OutTradeNo.of(outTradeNo)).id();
        assertThat(attemptStatus(liveAttempt(paymentId))).isEqualTo("CREATING");
        return paymentId;
    }

    private Payment paidPayment(long amount) {
        Payment payment = orders.order(merchant, order(no(), amount, "to refund", PayWay.ALIPAY_QR));
        fixture.settlement.tradePaid(alipayQr(liveAttempt(payment.id())), paid("txn-" + payment.id(), amount));
        return payments.get(merchant, PaymentId.of(payment.id()));
    }

    /** The clock past the payment's expiry: its attempt's next query, never later than that, is due too. */
    private void expire(Payment payment) {
        fixture.clock.advance(
                Duration.between(fixture.clock.instant(), payment.expiresAt()).plusSeconds(1));
    }

    /** Refunds the channel accepted are asked about again a minute later. */
    private void refundQueriesDue() {
        fixture.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    }

    private Refund refund(Payment payment, String outRefundNo, long amount, String reason) {
        return refunds.refund(merchant, PaymentId.of(payment.id()), new RefundRequest(outRefundNo, amount, reason));
    }

    /** The trade of an ALIPAY_QR attempt of the test's app. */
    private TradeRef alipayQr(String attemptId) {
        return new TradeRef(AppId.of(merchant.appId()), PayWay.ALIPAY_QR, OutTradeNo.of(attemptId));
    }

    private static PaidTrade paid(String channelTransactionId, long fen) {
        return new PaidTrade(channelTransactionId, Money.of(fen, Currency.CNY), Instant.now(), false, null);
    }

    /** Refused with the code and the HTTP status the merchant API would answer with. */
    private static void assertRefused(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status().value()).isEqualTo(status);
        });
    }

    private List<String> exceptionKinds(String attemptId) {
        return fixture.jdbc
                .sql("select kind from payment_exception where attempt_id = :a")
                .param("a", attemptId)
                .query(String.class)
                .list();
    }

    private String attemptStatus(String attemptId) {
        return fixture.jdbc
                .sql("select status from payment_attempt where id = :id")
                .param("id", attemptId)
                .query(String.class)
                .single();
    }

    private String liveAttempt(String paymentId) {
        return fixture.jdbc
                .sql("select id from payment_attempt where payment_id = :p and status in ('CREATING', 'PENDING')")
                .param("p", paymentId)
                .query(String.class)
                .single();
    }

    private List<String> attemptsOf(String paymentId) {
        return fixture.jdbc
                .sql("select id from payment_attempt where payment_id = :p order by created_at")
                .param("p", paymentId)
                .query(String.class)
                .list();
    }

    private static OrderRequest order(String outTradeNo, long amount, String subject, PayWay payWay) {
        return new OrderRequest(
                outTradeNo, amount, "CNY", subject, null, payWay, null, null, null, null, null, null, null, null);
    }

    private static String no() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
