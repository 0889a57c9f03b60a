package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.payment.ExceptionFilter.Resolved;
import io.tongbao.payment.PaymentExceptions.Resolution;
import io.tongbao.payment.PaymentSettlement.SurplusPolicy;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.Refunds.RefundRequest;
import io.tongbao.payment.TimelineEntry.Kind;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.page.PageRequest.Direction;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console reads of the payment module ({@link PaymentQueries}) and how it resolves exceptions, on real
 * PostgreSQL with the channels faked: scope, filters, keyset pages, the timeline.
 */
class PaymentQueriesTest {

    static final PageRequest FIRST = PageRequest.first(50);

    PaymentFixture fixture;
    PaymentQueries queries;
    MerchantCaller merchantA;
    MerchantCaller merchantB;

    @BeforeEach
    void setUp() {
        fixture = PaymentFixture.start();
        queries = fixture.queries;
        merchantA = fixture.newMerchant();
        merchantB = fixture.newMerchant();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMerchantNeverSeesAnotherMerchantsPaymentsRefundsOrExceptions() {
        Payment paidA = paid(merchantA, 1000);
        Payment paidB = paid(merchantB, 2000);
        refund(merchantA, paidA, 100);
        refund(merchantB, paidB, 200);
        paidAfterClose(merchantA, 300);
        paidAfterClose(merchantB, 400);

        assertThat(ids(queries.payments(PaymentFilter.scope(merchantA.merchantId()), FIRST)))
                .hasSize(2)
                .contains(paidA.id())
                .doesNotContain(paidB.id());
        assertThat(queries.payments(PaymentFilter.scope(null), FIRST).rows()).hasSize(4);
        assertThat(queries.payment(merchantA.merchantId(), paidB.id())).isEmpty();
        assertThat(queries.payment(merchantB.merchantId(), paidB.id())).isPresent();
        assertThat(queries.payment(null, paidB.id())).isPresent();
        assertThat(queries.refunds(RefundFilter.scope(merchantA.merchantId()), FIRST)
                        .rows())
                .extracting(RefundSummary::merchantId)
                .hasSize(2)
                .containsOnly(merchantA.merchantId());
        List<PaymentExceptionView> exceptionsOfA = queries.exceptions(
                        ExceptionFilter.scope(merchantA.merchantId()), FIRST)
                .rows();
        assertThat(exceptionsOfA).extracting(PaymentExceptionView::merchantId).containsExactly(merchantA.merchantId());
        String exceptionOfB = queries.exceptions(ExceptionFilter.scope(merchantB.merchantId()), FIRST)
                .rows()
                .getFirst()
                .id();
        assertThat(fixture.exceptions.accept(merchantA.merchantId(), exceptionOfB, "not mine", "alice"))
                .isEqualTo(Resolution.NOT_FOUND);
        assertThat(queries.exceptions(ExceptionFilter.scope(null), FIRST).rows())
                .hasSize(2);
        assertThat(queries.payments(PaymentFilter.scope(""), FIRST).rows())
                .as("a blank scope is not the operator's")
                .isEmpty();
    }

    @Test
    void eachFilterKeepsOnlyWhatMatches() {
        Payment small = paid(merchantA, 100);
        fixture.clock.advance(Duration.ofHours(1));
        Instant later = fixture.clock.instant();
        Payment wechat = orderOf(merchantA, 5000, PayWay.WECHAT_NATIVE);
        MerchantCaller otherApp =
                new MerchantCaller(merchantA.merchantId(), fixture.newMerchant().appId());
        Payment ofOtherApp = orderOf(otherApp, 700, PayWay.ALIPAY_QR);

        assertThat(ids(queries.payments(filter().app(otherApp.appId()).build(), FIRST)))
                .containsExactly(ofOtherApp.id());
        assertThat(ids(queries.payments(filter().payment(wechat.id()).build(), FIRST)))
                .containsExactly(wechat.id());
        assertThat(ids(queries.payments(filter().outTradeNo(small.outTradeNo()).build(), FIRST)))
                .containsExactly(small.id());
        assertThat(ids(queries.payments(
                        filter().channelTradeNo("txn-" + small.id()).build(), FIRST)))
                .containsExactly(small.id());
        assertThat(ids(queries.payments(filter().payWay(PayWay.WECHAT_NATIVE).build(), FIRST)))
                .containsExactly(wechat.id());
        assertThat(ids(queries.payments(filter().status(PaymentStatus.PAID).build(), FIRST)))
                .containsExactly(small.id());
        assertThat(ids(queries.payments(filter().created(later, null).build(), FIRST)))
                .containsExactlyInAnyOrder(wechat.id(), ofOtherApp.id());
        assertThat(ids(queries.payments(filter().created(null, later).build(), FIRST)))
                .as("the range is half-open")
                .containsExactly(small.id());
        assertThat(ids(queries.payments(filter().amount(700L, 5000L).build(), FIRST)))
                .containsExactlyInAnyOrder(wechat.id(), ofOtherApp.id());
        assertThat(ids(queries.payments(filter().amount(null, 699L).build(), FIRST)))
                .containsExactly(small.id());
        assertThat(ids(queries.payments(
                        filter().payment("  " + wechat.id() + " ").build(), FIRST)))
                .as("trimmed")
                .containsExactly(wechat.id());
        assertThat(queries.payments(filter().payment(" ").build(), FIRST).rows())
                .as("blank is no filter")
                .hasSize(3);
    }

    @Test
    void malformedFilterValuesGiveAnEmptyPageNotAnError() {
        paid(merchantA, 100);
        for (String bad : List.of("pay_x", "x'; drop table payment_order; --", "nul\0", "pay_" + "9".repeat(200))) {
            assertThat(queries.payments(filter().payment(bad).build(), FIRST).rows())
                    .isEmpty();
            assertThat(queries.payments(filter().outTradeNo(bad).build(), FIRST).rows())
                    .isEmpty();
            assertThat(queries.payments(filter().channelTradeNo(bad).build(), FIRST)
                            .rows())
                    .isEmpty();
            assertThat(queries.payments(filter().app(bad).build(), FIRST).rows())
                    .isEmpty();
            assertThat(queries.payments(PaymentFilter.scope(bad), FIRST).rows()).isEmpty();
            assertThat(queries.payment(null, bad)).isEmpty();
            assertThat(queries.refunds(new RefundFilter(null, null, bad, bad, null, null, null), FIRST)
                            .rows())
                    .isEmpty();
            assertThat(queries.exceptions(new ExceptionFilter(bad, null, bad, Resolved.ALL, null, null), FIRST)
                            .rows())
                    .isEmpty();
        }
    }

    @Test
    void pagesGoForwardAndBackOverRowsCreatedAtTheSameInstantInIdOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(orderOf(merchantA, 100 + i, PayWay.ALIPAY_QR).id());
        }
        fixture.clock.advance(Duration.ofSeconds(1));
        String newest = orderOf(merchantA, 999, PayWay.ALIPAY_QR).id();
        List<String> expected = new ArrayList<>();
        expected.add(newest);
        expected.addAll(created.stream().sorted().toList().reversed());
        PaymentFilter ofA = PaymentFilter.scope(merchantA.merchantId());

        Page<PaymentSummary> first = queries.payments(ofA, PageRequest.first(3));
        Page<PaymentSummary> second = queries.payments(ofA, new PageRequest(decode(first.next()), Direction.NEXT, 3));
        Page<PaymentSummary> third = queries.payments(ofA, PageRequest.of(second.next(), "next", 3));

        assertThat(ids(first)).isEqualTo(expected.subList(0, 3));
        assertThat(ids(second)).isEqualTo(expected.subList(3, 6));
        assertThat(ids(third)).isEqualTo(expected.subList(6, 8));
        assertThat(first.previous()).isNull();
        assertThat(third.next()).isNull();

        Page<PaymentSummary> backToSecond = queries.payments(ofA, PageRequest.of(third.previous(), "previous", 3));
        assertThat(ids(backToSecond)).isEqualTo(ids(second));
        Page<PaymentSummary> backToFirst =
                queries.payments(ofA, PageRequest.of(backToSecond.previous(), "previous", 3));
        assertThat(ids(backToFirst)).isEqualTo(ids(first));
        assertThat(backToFirst.previous()).as("nothing newer").isNull();
        assertThat(backToFirst.next()).isEqualTo(first.next());
    }

    @Test
    void aMalformedCursorOpensTheFirstPage() {
        orderOf(merchantA, 100, PayWay.ALIPAY_QR);
        orderOf(merchantA, 200, PayWay.ALIPAY_QR);

        for (String bad : List.of("%%%", "bm90IGEgY3Vyc29y", "MjAyNnxwYXk", "\0", "a".repeat(5000))) {
            PageRequest request = PageRequest.of(bad, "previous", 1);
            assertThat(request.cursor()).isNull();
            Page<PaymentSummary> page = queries.payments(PaymentFilter.scope(merchantA.merchantId()), request);
            assertThat(page.rows()).hasSize(1);
            assertThat(page.previous()).isNull();
            assertThat(page.next()).isNotNull();
        }
    }

    @Test
    void refundsAndExceptionsAreFilteredAndPagedNewestFirst() {
        Payment payment = paid(merchantA, 1000);
        Refund first = refund(merchantA, payment, 100);
        fixture.clock.advance(Duration.ofSeconds(1));
        Refund second = refund(merchantA, payment, 200);

        Page<RefundSummary> page = queries.refunds(RefundFilter.scope(merchantA.merchantId()), PageRequest.first(1));
        assertThat(page.rows()).extracting(RefundSummary::id).containsExactly(second.id());
        assertThat(queries.refunds(RefundFilter.scope(merchantA.merchantId()), PageRequest.of(page.next(), null, 1))
                        .rows())
                .extracting(RefundSummary::id)
                .containsExactly(first.id());
        assertThat(queries.refunds(new RefundFilter(null, null, null, first.outRefundNo(), null, null, null), FIRST)
                        .rows())
                .extracting(RefundSummary::id)
                .containsExactly(first.id());
        assertThat(queries.refunds(
                                new RefundFilter(null, null, payment.id(), null, RefundStatus.PENDING, null, null),
                                FIRST)
                        .rows())
                .hasSize(2);
        assertThat(queries.refunds(new RefundFilter(null, null, null, null, RefundStatus.FAILED, null, null), FIRST)
                        .rows())
                .isEmpty();

        paidAfterClose(merchantA, 300);
        fixture.clock.advance(Duration.ofSeconds(1));
        paidAfterClose(merchantA, 400);
        List<PaymentExceptionView> all = queries.exceptions(
                        new ExceptionFilter(null, null, "PAID_AFTER_CLOSE", Resolved.ALL, null, null), FIRST)
                .rows();
        assertThat(all).hasSize(2);
        assertThat(all.getFirst().lastSeenAt()).isAfter(all.getLast().lastSeenAt());
        assertThat(fixture.exceptions.accept(null, all.getLast().id(), "refunded automatically", "alice"))
                .isEqualTo(Resolution.RESOLVED);
        assertThat(queries.exceptions(new ExceptionFilter(null, null, null, Resolved.YES, null, null), FIRST)
                        .rows())
                .extracting(PaymentExceptionView::id)
                .containsExactly(all.getLast().id());
        assertThat(queries.exceptions(new ExceptionFilter(null, null, null, Resolved.NO, null, null), FIRST)
                        .rows())
                .extracting(PaymentExceptionView::id)
                .containsExactly(all.getFirst().id());
        assertThat(queries.exceptions(
                                new ExceptionFilter(
                                        null,
                                        null,
                                        null,
                                        Resolved.ALL,
                                        null,
                                        all.getFirst().lastSeenAt()),
                                FIRST)
                        .rows())
                .extracting(PaymentExceptionView::id)
                .containsExactly(all.getLast().id());
    }

    @Test
    void theTimelineTellsWhatHappenedOldestFirst() {
        Payment payment = orderOf(merchantA, 450, PayWay.ALIPAY_QR);
        String attempt = liveAttempt(payment.id());
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.payments.close(merchantA, PaymentId.of(payment.id()));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.settlement.tradePaid(trade(merchantA, attempt), paidTrade("late-" + attempt, 450));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.settlement.tradePaid(trade(merchantA, attempt), paidTrade("late-" + attempt, 1));

        PaymentDetail detail =
                queries.payment(merchantA.merchantId(), payment.id()).orElseThrow();

        assertThat(detail.payment().status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(detail.attempts()).singleElement().satisfies(view -> {
            assertThat(view.id()).isEqualTo(attempt);
            assertThat(view.channelTradeNo()).isEqualTo("late-" + attempt);
        });
        assertThat(detail.refunds())
                .singleElement()
                .satisfies(refund -> assertThat(refund.automatic()).isTrue());
        assertThat(detail.exceptions())
                .as("the refused notification names only the attempt; it is shown too")
                .extracting(PaymentExceptionView::kind)
                .containsExactly("PAID_AFTER_CLOSE", "AMOUNT_MISMATCH");
        assertThat(detail.timeline())
                .extracting(TimelineEntry::kind)
                .containsExactly(
                        Kind.PAYMENT_CREATED,
                        Kind.ATTEMPT_OPENED,
                        Kind.ATTEMPT_CLOSED,
                        Kind.PAYMENT_CLOSED,
                        Kind.ATTEMPT_PAID,
                        Kind.EXCEPTION_RECORDED,
                        Kind.REFUND_REQUESTED,
                        Kind.EXCEPTION_RECORDED);
        assertThat(detail.timeline()).extracting(TimelineEntry::at).isSorted();
        assertThat(detail.timeline().getFirst().detail()).isEqualTo("4.50 CNY ALIPAY_QR");
    }

    @Test
    void aPaidAndRefundedPaymentsTimelineEndsWithTheRefundsSuccess() {
        Payment payment = paid(merchantA, 1000);
        fixture.clock.advance(Duration.ofMinutes(1));
        refund(merchantA, payment, 300);
        fixture.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        fixture.janitor.run();

        PaymentDetail detail = queries.payment(null, payment.id()).orElseThrow();

        assertThat(detail.payment().refunded()).isEqualTo(Money.of(300, Currency.CNY));
        assertThat(detail.refundableAmount()).isEqualTo(Money.of(700, Currency.CNY));
        assertThat(detail.timeline())
                .extracting(TimelineEntry::kind)
                .containsExactly(
                        Kind.PAYMENT_CREATED,
                        Kind.ATTEMPT_OPENED,
                        Kind.ATTEMPT_PAID,
                        Kind.REFUND_REQUESTED,
                        Kind.REFUND_SUCCEEDED);
    }

    @Test
    void anExceptionIsAcceptedOnceAndASecondAcceptSaysSo() {
        paidAfterClose(merchantA, 300);
        String id = queries.exceptions(ExceptionFilter.scope(merchantA.merchantId()), FIRST)
                .rows()
                .getFirst()
                .id();
        fixture.clock.advance(Duration.ofMinutes(5));

        assertThat(fixture.exceptions.accept(merchantA.merchantId(), id, "seen, refunded by the policy", "alice"))
                .isEqualTo(Resolution.RESOLVED);
        assertThat(fixture.exceptions.accept(null, id, "again", "bob")).isEqualTo(Resolution.ALREADY_RESOLVED);
        assertThat(fixture.exceptions.accept(null, "pex_nothing", "x", "bob")).isEqualTo(Resolution.NOT_FOUND);
        assertThat(fixture.exceptions.accept(null, "pex_\0", "x", "bob")).isEqualTo(Resolution.NOT_FOUND);
        assertThat(fixture.exceptions.accept("mch_\0", id, "x", "bob")).isEqualTo(Resolution.NOT_FOUND);

        PaymentExceptionView resolved =
                queries.exceptions(ExceptionFilter.scope(null), FIRST).rows().getFirst();
        assertThat(resolved.resolvedBy()).isEqualTo("alice");
        assertThat(resolved.resolutionNote()).isEqualTo("seen, refunded by the policy");
        assertThat(resolved.resolvedAt()).isEqualTo(fixture.clock.instant());
        PaymentDetail detail = queries.payment(null, resolved.paymentId()).orElseThrow();
        assertThat(detail.timeline().getLast().kind()).isEqualTo(Kind.EXCEPTION_RESOLVED);
        // resolved once, audited once, as the exception's merchant's
        assertThat(fixture.audited)
                .filteredOn(change -> change.targetId().equals(id))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.action()).isEqualTo("payment_exception.accepted");
                    assertThat(change.merchantId()).isEqualTo(merchantA.merchantId());
                });
    }

    /** An exception whose money was held for the operator is refunded on its word, once; others are not. */
    @Test
    void heldMoneyIsRefundedOnceWhenTheOperatorSaysSo() {
        fixture.close();
        fixture = PaymentFixture.start(SurplusPolicy.HOLD);
        queries = fixture.queries;
        merchantA = fixture.newMerchant();
        String attempt = paidAfterClose(merchantA, 450);
        fixture.settlement.tradePaid(trade(merchantA, attempt), paidTrade("late-" + attempt, 1));
        List<PaymentExceptionView> exceptions =
                queries.exceptions(ExceptionFilter.scope(null), FIRST).rows();
        PaymentExceptionView held = exceptions.stream()
                .filter(exception -> exception.kind().equals("PAID_AFTER_CLOSE"))
                .findFirst()
                .orElseThrow();
        PaymentExceptionView mismatch = exceptions.stream()
                .filter(exception -> exception.kind().equals("AMOUNT_MISMATCH"))
                .findFirst()
                .orElseThrow();
        assertThat(held.resolution()).isEqualTo("HELD_FOR_OPERATOR");
        assertThat(refundsOfAttempt(attempt)).isZero();

        assertThat(fixture.exceptions.refund(merchantB.merchantId(), held.id(), "give it back", "alice"))
                .isEqualTo(Resolution.NOT_FOUND);
        assertThat(fixture.exceptions.refund(null, mismatch.id(), "give it back", "alice"))
                .isEqualTo(Resolution.NOT_REFUNDABLE);
        assertThat(fixture.exceptions.refund(null, held.id(), "give it back", "alice"))
                .isEqualTo(Resolution.REFUNDING);
        assertThat(fixture.exceptions.refund(null, held.id(), "give it back", "bob"))
                .isEqualTo(Resolution.ALREADY_RESOLVED);
        assertThat(refundsOfAttempt(attempt)).isEqualTo(1);
        assertThat(fixture.audited)
                .filteredOn(change -> change.targetId().equals(held.id()))
                .extracting(io.tongbao.shared.audit.AuditChange::action)
                .containsExactly("payment_exception.refunded");
        fixture.janitor.run();
        assertThat(FakeChannelGateways.REFUNDED.get(attempt)).isEqualTo(450);
    }

    // ---- helpers

    private static List<String> ids(Page<PaymentSummary> page) {
        return page.rows().stream().map(PaymentSummary::id).toList();
    }

    private static io.tongbao.shared.page.Cursor decode(String cursor) {
        return io.tongbao.shared.page.Cursor.decode(cursor);
    }

    private FilterBuilder filter() {
        return new FilterBuilder(merchantA.merchantId());
    }

    private Payment orderOf(MerchantCaller merchant, long amount, PayWay payWay) {
        return fixture.orders.order(
                merchant,
                new OrderRequest(
                        no(), amount, "CNY", "test", null, payWay, null, null, null, null, null, null, null, null));
    }

    private Payment paid(MerchantCaller merchant, long amount) {
        Payment payment = orderOf(merchant, amount, PayWay.ALIPAY_QR);
        fixture.settlement.tradePaid(
                trade(merchant, liveAttempt(payment.id())), paidTrade("txn-" + payment.id(), amount));
        return payment;
    }

    /** A payment closed, then paid at the channel: a PAID_AFTER_CLOSE exception. Returns the attempt. */
    private String paidAfterClose(MerchantCaller merchant, long amount) {
        Payment payment = orderOf(merchant, amount, PayWay.ALIPAY_QR);
        String attempt = liveAttempt(payment.id());
        fixture.payments.close(merchant, PaymentId.of(payment.id()));
        fixture.settlement.tradePaid(trade(merchant, attempt), paidTrade("late-" + attempt, amount));
        return attempt;
    }

    private Refund refund(MerchantCaller merchant, Payment payment, long amount) {
        return fixture.refunds.refund(
                merchant, PaymentId.of(payment.id()), new RefundRequest("rf-" + UUID.randomUUID(), amount, "test"));
    }

    private TradeRef trade(MerchantCaller merchant, String attemptId) {
        return new TradeRef(AppId.of(merchant.appId()), PayWay.ALIPAY_QR, OutTradeNo.of(attemptId));
    }

    private PaidTrade paidTrade(String channelTransactionId, long fen) {
        return new PaidTrade(channelTransactionId, Money.of(fen, Currency.CNY), fixture.clock.instant(), false, null);
    }

    private String liveAttempt(String paymentId) {
        return fixture.jdbc
                .sql("select id from payment_attempt where payment_id = :p and status in ('CREATING', 'PENDING')")
                .param("p", paymentId)
                .query(String.class)
                .single();
    }

    private int refundsOfAttempt(String attemptId) {
        return fixture.jdbc
                .sql("select count(*) from refund where attempt_id = :a")
                .param("a", attemptId)
                .query(Integer.class)
                .single();
    }

    private static String no() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** A {@link PaymentFilter} of merchant A with one or two fields set. */
    private static final class FilterBuilder {
        private final String merchantId;
        private String appId;
        private String paymentId;
        private String outTradeNo;
        private String channelTradeNo;
        private PayWay payWay;
        private PaymentStatus status;
        private Instant from;
        private Instant to;
        private Long amountMin;
        private Long amountMax;

        FilterBuilder(String merchantId) {
            this.merchantId = merchantId;
        }

        FilterBuilder app(String value) {
            appId = value;
            return this;
        }

        FilterBuilder payment(String value) {
            paymentId = value;
            return this;
        }

        FilterBuilder outTradeNo(String value) {
            outTradeNo = value;
            return this;
        }

        FilterBuilder channelTradeNo(String value) {
            channelTradeNo = value;
            return this;
        }

        FilterBuilder payWay(PayWay value) {
            payWay = value;
            return this;
        }

        FilterBuilder status(PaymentStatus value) {
            status = value;
            return this;
        }

        FilterBuilder created(Instant fromValue, Instant toValue) {
            from = fromValue;
            to = toValue;
            return this;
        }

        FilterBuilder amount(Long min, Long max) {
            amountMin = min;
            amountMax = max;
            return this;
        }

        PaymentFilter build() {
            return new PaymentFilter(
                    merchantId,
                    appId,
                    paymentId,
                    outTradeNo,
                    channelTradeNo,
                    payWay,
                    status,
                    from,
                    to,
                    amountMin,
                    amountMax);
        }
    }
}
