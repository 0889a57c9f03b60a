package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.ChannelNotifications.Outcome;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The payment module's rules, over the merchant API, with a channel faked in the test (the real channels are
 * driven end to end against the sandbox elsewhere).
 */
@TongbaoTest
@Import({FakeChannelGateways.class, PaymentRulesTest.EventCounter.class})
@TestPropertySource(properties = {"tongbao.payments.janitor.enabled=true", "tongbao.channels.enabled=false"})
class PaymentRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    ChannelNotifications notifications;
    @Autowired
    PaymentJanitor janitor;

    TongbaoClient client;
    PaymentApi payments;
    String appId;

    @BeforeEach
    void onboard() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("payment rules merchant"));
        operator.configureChannels(app.appId());
        operator.put("/api/operator/apps/" + app.appId() + "/fee-rates", Map.of("rates", Map.of("ALIPAY_QR", 6000)));
        appId = app.appId();
        client = operator.sdk(app);
        payments = client.payments();
    }

    @Test
    void theSameOutTradeNoReturnsTheSamePaymentAndOtherParametersAreAConflict() {
        String no = no();
        PaymentApi.Payment first = payments.create(PaymentRequest.of(no, 1999, "会员", "ALIPAY_QR"));
        PaymentApi.Payment again = payments.create(PaymentRequest.of(no, 1999, "会员", "ALIPAY_QR"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.status()).isEqualTo("PENDING");
        assertThat(first.action().type()).isEqualTo("QR_CODE");
        assertThat(first.fee()).as("0.6 % of 19.99 yuan, rounded half up").isEqualTo(12L);
        assertThat(attempts(first.id())).isEqualTo(1);
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(no, 2000, "会员", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.Conflict.class).extracting("code").isEqualTo("OUT_TRADE_NO_REUSED");
    }

    /** The unified order answers from what it wrote, without reading it back: it must be what a GET then shows. */
    @Test
    void theUnifiedOrdersAnswerIsExactlyWhatAGetThenReturns() {
        PaymentApi.Payment created = payments.create(PaymentRequest.of(no(), 2500, "会员", "ALIPAY_QR"));

        assertThat(payments.get(created.id())).usingRecursiveComparison().isEqualTo(created);
    }

    @Test
    void twoHundredConcurrentIdenticalOrdersCreateOnePaymentAndOneChannelTrade() throws Exception {
        String no = no();
        int before = FakeChannelGateways.PREPAYS.get();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger busy = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        ids.add(payments.create(PaymentRequest.of(no, 500, "concurrent", "ALIPAY_QR")).id());
                    } catch (TongbaoException.Conflict e) {
                        assertThat(e.code()).isEqualTo("REQUEST_IN_PROGRESS");
                        busy.incrementAndGet();
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
        assertThat(jdbc.sql("select count(*) from payment_order where app_id = :app and out_trade_no = :no")
                .param("app", appId).param("no", no).query(Integer.class).single()).isEqualTo(1);
        assertThat(FakeChannelGateways.PREPAYS.get() - before).isEqualTo(1);
    }

    @Test
    void aPaidNotificationIsAppliedExactlyOnceHoweverOftenItComes() throws Exception {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 800, "eight times", "ALIPAY_QR"));
        String attempt = liveAttempt(payment.id());
        TradeRef trade = alipayQr(attempt);
        PaidTrade paid = paid("2026112222001", 800);

        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> notifications.tradePaid(trade, paid)));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(outcomes).containsOnly(Outcome.ACCEPTED);
        assertThat(payments.get(payment.id()).status()).isEqualTo("PAID");
        assertThat(EventCounter.SUCCEEDED.getOrDefault(payment.id(), new AtomicInteger()).get()).isEqualTo(1);
    }

    @Test
    void aNotificationWithAnotherAmountIsRejectedRecordedAndChangesNothing() {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 800, "tampered", "ALIPAY_QR"));
        String attempt = liveAttempt(payment.id());

        Outcome outcome = notifications.tradePaid(alipayQr(attempt), paid("2026112222002", 1));

        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(payments.get(payment.id()).status()).isEqualTo("PENDING");
        assertThat(jdbc.sql("select kind from payment_exception where attempt_id = :a").param("a", attempt)
                .query(String.class).list()).containsExactly("AMOUNT_MISMATCH");
    }

    @Test
    void refundsAddUpToAtMostThePaidAmountEvenWhenConcurrent() throws Exception {
        PaymentApi.Payment payment = paidPayment(100);
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
                        payments.refund(payment.id(), new PaymentApi.RefundRequest(refundNo, 10, "concurrent"));
                        accepted.incrementAndGet();
                    } catch (TongbaoException.BusinessRule e) {
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
        assertThat(payments.get(payment.id()).amountRefunded()).isEqualTo(100);
    }

    @Test
    void partialRefundsAreConfirmedByTheChannelAndTheirNumberIsIdempotent() {
        PaymentApi.Payment payment = paidPayment(1000);
        String refundNo = "rf-" + UUID.randomUUID();

        PaymentApi.Refund first = payments.refund(payment.id(), new PaymentApi.RefundRequest(refundNo, 300, "size"));
        PaymentApi.Refund again = payments.refund(payment.id(), new PaymentApi.RefundRequest(refundNo, 300, "size"));
        payments.refund(payment.id(), new PaymentApi.RefundRequest("rf-" + UUID.randomUUID(), 700, "rest"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.status()).as("accepted is not success").isEqualTo("PENDING");
        assertThatThrownBy(() -> payments.refund(payment.id(), new PaymentApi.RefundRequest(refundNo, 301, "size")))
                .isInstanceOf(TongbaoException.Conflict.class).extracting("code").isEqualTo("OUT_REFUND_NO_REUSED");
        assertThatThrownBy(() -> payments.refund(payment.id(), new PaymentApi.RefundRequest("one-more", 1, "x")))
                .isInstanceOf(TongbaoException.BusinessRule.class).extracting("code").isEqualTo("REFUND_EXCEEDS_PAID");
        makeDue("refund");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(payments.refunds(payment.id()))
                .extracting(PaymentApi.Refund::status).containsOnly("SUCCEEDED"));
    }

    @Test
    void closingClosesAtTheChannelThenLocallyAndAPaidTradeCannotBeClosed() {
        PaymentApi.Payment open = payments.create(PaymentRequest.of(no(), 300, "close me", "WECHAT_NATIVE"));
        assertThat(payments.close(open.id()).status()).isEqualTo("CLOSED");
        assertThat(FakeChannelGateways.TRADES.get(attemptsOf(open.id()).getFirst())).isEqualTo("CLOSED");

        PaymentApi.Payment raced = payments.create(PaymentRequest.of(no(), 300, "paid meanwhile", "ALIPAY_QR"));
        FakeChannelGateways.buyerPays(liveAttempt(raced.id()));
        assertThatThrownBy(() -> payments.close(raced.id())).isInstanceOf(TongbaoException.BusinessRule.class)
                .extracting("code").isEqualTo("PAYMENT_PAID");
        assertThat(payments.get(raced.id()).status()).isEqualTo("PAID");
    }

    @Test
    void payingAnotherWayClosesThePreviousAttemptFirst() {
        String no = no();
        PaymentApi.Payment alipay = payments.create(PaymentRequest.of(no, 300, "two ways", "ALIPAY_QR"));
        String firstAttempt = liveAttempt(alipay.id());

        PaymentApi.Payment wechat = payments.create(PaymentRequest.of(no, 300, "two ways", "WECHAT_NATIVE"));

        assertThat(wechat.id()).isEqualTo(alipay.id());
        assertThat(wechat.payWay()).isEqualTo("WECHAT_NATIVE");
        assertThat(FakeChannelGateways.TRADES.get(firstAttempt)).isEqualTo("CLOSED");
        assertThat(liveAttempt(wechat.id())).isNotEqualTo(firstAttempt);
    }

    @Test
    void whenTheChannelCannotCloseYetAnotherWayIsARetryableConflict() {
        String no = no();
        PaymentApi.Payment wechat = payments.create(PaymentRequest.of(no, 300, "five minutes", "WECHAT_NATIVE"));
        FakeChannelGateways.CLOSE_NOT_YET.add(liveAttempt(wechat.id()));

        assertThatThrownBy(() -> payments.create(PaymentRequest.of(no, 300, "five minutes", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.Conflict.class).extracting("code").isEqualTo("PREVIOUS_ATTEMPT_OPEN");
        assertThat(payments.get(wechat.id()).payWay()).isEqualTo("WECHAT_NATIVE");
    }

    @Test
    void aSuccessAfterTheLocalCloseIsRecordedAndRefundedAutomatically() {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 450, "late buyer", "ALIPAY_QR"));
        String attempt = liveAttempt(payment.id());
        payments.close(payment.id());

        Outcome outcome = notifications.tradePaid(alipayQr(attempt), paid("2026112222003", 450));

        assertThat(outcome).isEqualTo(Outcome.ACCEPTED);
        assertThat(payments.get(payment.id()).status()).as("a closed order is not flipped silently").isEqualTo("CLOSED");
        assertThat(jdbc.sql("select kind from payment_exception where attempt_id = :a").param("a", attempt)
                .query(String.class).single()).isEqualTo("PAID_AFTER_CLOSE");
        assertThat(EventCounter.EXCEPTIONS.getOrDefault(payment.id(), new AtomicInteger()).get()).isEqualTo(1);
        // the janitor submits the automatic refund; the channel's confirmation is then asked for when it is due
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "select count(*) from refund where attempt_id = :a and submitted_at is not null")
                .param("a", attempt).query(Integer.class).single() == 1);
        assertThat(FakeChannelGateways.REFUNDED.get(attempt)).isEqualTo(450);
        makeDue("refund");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(payments.refunds(payment.id()))
                .singleElement().satisfies(refund -> {
                    assertThat(refund.automatic()).isTrue();
                    assertThat(refund.amount()).isEqualTo(450);
                    assertThat(refund.status()).isEqualTo("SUCCEEDED");
                }));
    }

    @Test
    void theJanitorFindsAPaymentThatNoNotificationReported() {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 650, "silent channel", "ALIPAY_QR"));
        FakeChannelGateways.buyerPays(liveAttempt(payment.id()));
        makeDue("attempt");

        await().atMost(Duration.ofSeconds(15)).until(() -> payments.get(payment.id()).status().equals("PAID"));
        assertThat(EventCounter.SUCCEEDED.get(payment.id()).get()).isEqualTo(1);
    }

    @Test
    void anExpiredPaymentIsClosedAtTheChannelAndThenLocally() {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 650, "expiring", "ALIPAY_QR"));
        String attempt = liveAttempt(payment.id());
        jdbc.sql("update payment_order set expires_at = now() - interval '1 second' where id = :id")
                .param("id", payment.id()).update();
        makeDue("attempt");

        await().atMost(Duration.ofSeconds(15)).until(() -> payments.get(payment.id()).status().equals("CLOSED"));
        assertThat(FakeChannelGateways.TRADES.get(attempt)).isEqualTo("CLOSED");
        assertThat(EventCounter.CLOSED.get(payment.id()).get()).isEqualTo(1);
    }

    @Test
    void anAttemptWhoseChannelAnswerWasLostIsAskedAboutOnceStaleAndItsPaymentSettled() {
        String paymentId = orderWhoseChannelAnswerIsLost(720);
        String attempt = liveAttempt(paymentId);
        FakeChannelGateways.buyerPays(attempt);

        janitor.run();
        assertThat(attemptStatus(attempt)).as("a young CREATING attempt may still be waiting for its channel")
                .isEqualTo("CREATING");

        ageAttempt(attempt);
        await().atMost(Duration.ofSeconds(15)).until(() -> payments.get(paymentId).status().equals("PAID"));
        assertThat(attemptStatus(attempt)).isEqualTo("SUCCEEDED");
        assertThat(EventCounter.SUCCEEDED.get(paymentId).get()).isEqualTo(1);
    }

    @Test
    void anExpiredOrderWhoseChannelAnswerWasLostIsClosedAtTheChannelAndLocally() {
        String paymentId = orderWhoseChannelAnswerIsLost(730);
        String attempt = liveAttempt(paymentId);
        jdbc.sql("update payment_order set expires_at = now() - interval '1 second' where id = :id")
                .param("id", paymentId).update();

        ageAttempt(attempt);
        await().atMost(Duration.ofSeconds(15)).until(() -> payments.get(paymentId).status().equals("CLOSED"));
        assertThat(FakeChannelGateways.TRADES.get(attempt)).isEqualTo("CLOSED");
        assertThat(EventCounter.CLOSED.get(paymentId).get()).isEqualTo(1);
    }

    @Test
    void anOrderWhoseChannelAnswerWasLostCanBeOrderedAgainOnceItsAttemptIsStale() {
        String subject = "answer lost " + no();
        String outTradeNo = no();
        FakeChannelGateways.ANSWER_LOST.add(subject);
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(outTradeNo, 740, subject, "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.class);
        String paymentId = paymentIdOf(outTradeNo);
        String lost = liveAttempt(paymentId);
        FakeChannelGateways.ANSWER_LOST.remove(subject);

        ageAttempt(lost);
        await().atMost(Duration.ofSeconds(15)).until(() -> !"CREATING".equals(attemptStatus(lost)));
        PaymentApi.Payment again = payments.create(PaymentRequest.of(outTradeNo, 740, subject, "ALIPAY_QR"));

        assertThat(again.id()).isEqualTo(paymentId);
        assertThat(again.status()).isEqualTo("PENDING");
        assertThat(again.action()).isNotNull();
        assertThat(attemptStatus(lost)).isEqualTo("CLOSED");
        assertThat(FakeChannelGateways.TRADES.get(lost)).isEqualTo("CLOSED");
        assertThat(liveAttempt(paymentId)).isNotEqualTo(lost);
    }

    /** A unified order whose channel call opened the trade but whose answer was never recorded: a 5xx to the merchant. */
    private String orderWhoseChannelAnswerIsLost(long amount) {
        String subject = "answer lost " + no();
        String outTradeNo = no();
        FakeChannelGateways.ANSWER_LOST.add(subject);
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(outTradeNo, amount, subject, "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.class);
        String paymentId = paymentIdOf(outTradeNo);
        assertThat(attemptStatus(liveAttempt(paymentId))).isEqualTo("CREATING");
        return paymentId;
    }

    private String paymentIdOf(String outTradeNo) {
        return jdbc.sql("select id from payment_order where app_id = :app and out_trade_no = :no")
                .param("app", appId).param("no", outTradeNo).query(String.class).single();
    }

    private String attemptStatus(String attemptId) {
        return jdbc.sql("select status from payment_attempt where id = :id").param("id", attemptId)
                .query(String.class).single();
    }

    /** Past tongbao.payments.stale-creating-after (1 minute by default). */
    private void ageAttempt(String attemptId) {
        jdbc.sql("update payment_attempt set created_at = now() - interval '61 seconds' where id = :id")
                .param("id", attemptId).update();
    }

    @Test
    void anotherMerchantsPaymentIsNotFound() {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 100, "mine", "ALIPAY_QR"));
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        TongbaoClient stranger = operator.sdk(operator.createHmacApp(operator.createMerchant("stranger")));

        assertThatThrownBy(() -> stranger.payments().get(payment.id())).isInstanceOf(TongbaoException.NotFound.class);
        assertThatThrownBy(() -> stranger.payments().close(payment.id())).isInstanceOf(TongbaoException.NotFound.class);
    }

    @Test
    void invalidOrdersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(no(), 0, "zero", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.InvalidRequest.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(no(), 100, "no openid", "WECHAT_JSAPI")))
                .isInstanceOf(TongbaoException.InvalidRequest.class).hasMessageContaining("openid");
        assertThatThrownBy(() -> payments.create(PaymentRequest.of("bad no!", 100, "x", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.InvalidRequest.class).hasMessageContaining("out_trade_no");
    }

    @Test
    void paymentsAreListedNewestFirstPageByPage() {
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 5; i++) {
            payments.create(PaymentRequest.of(prefix + i, 100 + i, "list", "ALIPAY_QR"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            PaymentApi.PaymentPage page = payments.list(null, "PENDING", "ALIPAY_QR", null, null, cursor, 2);
            page.data().forEach(p -> seen.add(p.outTradeNo()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen.stream().filter(no -> no.startsWith(prefix)).toList())
                .containsExactly(prefix + 4, prefix + 3, prefix + 2, prefix + 1, prefix + 0);
    }

    /** The trade of an ALIPAY_QR attempt of the test's app. */
    private TradeRef alipayQr(String attemptId) {
        return new TradeRef(AppId.of(appId), PayWay.ALIPAY_QR, OutTradeNo.of(attemptId));
    }

    private static PaidTrade paid(String channelTransactionId, long fen) {
        return new PaidTrade(channelTransactionId, Money.of(fen, Currency.CNY), Instant.now(), false, null);
    }

    private PaymentApi.Payment paidPayment(long amount) {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), amount, "to refund", "ALIPAY_QR"));
        notifications.tradePaid(alipayQr(liveAttempt(payment.id())), paid("txn-" + payment.id(), amount));
        return payments.get(payment.id());
    }

    private void makeDue(String table) {
        String name = "attempt".equals(table) ? "payment_attempt" : "refund";
        jdbc.sql("update " + name + " set next_query_at = now() - interval '1 second' where app_id = :app and status = 'PENDING'")
                .param("app", appId).update();
    }

    private String liveAttempt(String paymentId) {
        return jdbc.sql("select id from payment_attempt where payment_id = :p and status in ('CREATING', 'PENDING')")
                .param("p", paymentId).query(String.class).single();
    }

    private List<String> attemptsOf(String paymentId) {
        return jdbc.sql("select id from payment_attempt where payment_id = :p order by created_at")
                .param("p", paymentId).query(String.class).list();
    }

    private int attempts(String paymentId) {
        return attemptsOf(paymentId).size();
    }

    private static String no() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class EventCounter {
        static final Map<String, AtomicInteger> SUCCEEDED = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> CLOSED = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> EXCEPTIONS = new ConcurrentHashMap<>();

        @EventListener
        void on(PaymentEvents.PaymentSucceeded event) {
            SUCCEEDED.computeIfAbsent(event.paymentId(), id -> new AtomicInteger()).incrementAndGet();
        }

        @EventListener
        void on(PaymentEvents.PaymentClosed event) {
            CLOSED.computeIfAbsent(event.paymentId(), id -> new AtomicInteger()).incrementAndGet();
        }

        @EventListener
        void on(PaymentEvents.PaymentExceptionRaised event) {
            EXCEPTIONS.computeIfAbsent(event.paymentId(), id -> new AtomicInteger()).incrementAndGet();
        }
    }
}
