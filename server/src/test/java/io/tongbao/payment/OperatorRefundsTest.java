package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.payment.OperatorRefunds.Outcome;
import io.tongbao.payment.OperatorRefunds.Result;
import io.tongbao.payment.RefundApproval.Status;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators' refunds from the console: at once below the threshold, with another operator's approval from it. */
class OperatorRefundsTest {

    PaymentFixture fixture;
    OperatorRefunds operatorRefunds;
    MerchantCaller merchant;

    @BeforeEach
    void setUp() {
        fixture = PaymentFixture.start();
        operatorRefunds = fixture.operatorRefunds;
        merchant = fixture.newMerchant();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void belowTheThresholdARefundGoesThroughAtOnce() {
        String payment = paid(500_000);

        Result result = operatorRefunds.request(payment, fen(99_999), "goods returned", "alice");

        assertThat(result.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(result.refund()).isNotNull();
        assertThat(result.refund().amount()).isEqualTo(99_999);
        assertThat(refundsOf(payment)).isEqualTo(1);
        assertThat(operatorRefunds.pending()).isEmpty();
    }

    @Test
    void fromTheThresholdARefundWaitsAndItsRequesterCannotApproveIt() {
        String payment = paid(500_000);

        Result result = operatorRefunds.request(payment, fen(100_000), "goods returned", "alice");

        assertThat(result.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);
        String request = result.approval().id();
        assertThat(refundsOf(payment)).isZero();
        assertThat(operatorRefunds.pending()).extracting(RefundApproval::id).containsExactly(request);
        assertThat(operatorRefunds.approve(request, "alice").outcome()).isEqualTo(Outcome.SAME_OPERATOR);
        assertThat(operatorRefunds.approve(request, " alice ").outcome()).isEqualTo(Outcome.SAME_OPERATOR);
        assertThat(refundsOf(payment)).isZero();
        assertThat(operatorRefunds.pending()).hasSize(1);
    }

    @Test
    void anotherOperatorsApprovalMakesTheRefundOnceHoweverManyApprove() throws Exception {
        String payment = paid(500_000);
        String request = operatorRefunds
                .request(payment, fen(300_000), "wrong order", "alice")
                .approval()
                .id();

        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Result>> futures = new ArrayList<>();
            for (String approver : List.of("bob", "carol", "dave", "erin")) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return operatorRefunds.approve(request, approver);
                }));
            }
            start.countDown();
            for (Future<Result> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(results).extracting(Result::outcome).containsOnlyOnce(Outcome.REFUNDED);
        assertThat(results)
                .extracting(Result::outcome)
                .filteredOn(o -> o != Outcome.REFUNDED)
                .containsOnly(Outcome.ALREADY_DECIDED);
        assertThat(refundsOf(payment)).isEqualTo(1);
        RefundApproval approved = operatorRefunds.approval(request).orElseThrow();
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approved.refundId()).isNotNull();
        assertThat(approved.decidedBy()).isIn("bob", "carol", "dave", "erin");
        assertThat(fixture.audited)
                .extracting(AuditChange::action)
                .containsExactly("refund_approval.requested", "refund_approval.approved", "refund.created");
        assertThat(operatorRefunds.approve(request, "frank").outcome()).isEqualTo(Outcome.ALREADY_DECIDED);
        assertThat(operatorRefunds.pending()).isEmpty();
    }

    @Test
    void whatTheRefundPathWouldRefuseIsRefusedAndNothingWaits() {
        String payment = paid(150_000);

        assertThat(operatorRefunds.request(payment, fen(150_001), "too much", "alice"))
                .extracting(Result::outcome, Result::code)
                .containsExactly(Outcome.REFUSED, "REFUND_EXCEEDS_PAID");
        assertThat(operatorRefunds.request(payment, fen(0), "nothing", "alice").outcome())
                .isEqualTo(Outcome.REFUSED);
        assertThat(operatorRefunds.request("pay_nope", fen(100), "x", "alice").outcome())
                .isEqualTo(Outcome.NOT_FOUND);
        assertThat(operatorRefunds.approve("rfa_nope", "bob").outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(operatorRefunds.approve("rfa_\0", "bob").outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(operatorRefunds
                        .request(payment, fen(100), "with a NUL\0 in it", "alice\0")
                        .outcome())
                .isEqualTo(Outcome.REFUNDED);
        assertThat(operatorRefunds.pending()).isEmpty();
    }

    @Test
    void anApprovalThatTheRefundPathRefusesThenIsRecordedAsFailed() {
        String payment = paid(200_000);
        String request = operatorRefunds
                .request(payment, fen(150_000), "first", "alice")
                .approval()
                .id();
        // meanwhile most of it is refunded below the threshold
        assertThat(operatorRefunds
                        .request(payment, fen(90_000), "second", "carol")
                        .outcome())
                .isEqualTo(Outcome.REFUNDED);

        Result result = operatorRefunds.approve(request, "bob");

        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.code()).isEqualTo("REFUND_EXCEEDS_PAID");
        assertThat(result.approval().status()).isEqualTo(Status.FAILED);
        assertThat(refundsOf(payment)).isEqualTo(1);
    }

    @Test
    void aRejectedRequestIsNotRefundedAndCannotBeApprovedAfterwards() {
        String payment = paid(500_000);
        String request = operatorRefunds
                .request(payment, fen(200_000), "unsure", "alice")
                .approval()
                .id();

        assertThat(operatorRefunds.reject(request, "alice").outcome()).isEqualTo(Outcome.SAME_OPERATOR);
        assertThat(operatorRefunds.reject(request, "bob").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(operatorRefunds.approve(request, "carol").outcome()).isEqualTo(Outcome.ALREADY_DECIDED);
        assertThat(refundsOf(payment)).isZero();
        assertThat(fixture.audited)
                .extracting(AuditChange::action)
                .containsExactly("refund_approval.requested", "refund_approval.rejected");
    }

    @Test
    void merchantStaffRefundTheirOwnPaymentsOnlyAndEachRefundIsAudited() {
        String payment = paid(5_000);
        MerchantCaller other = fixture.newMerchant();

        Refund refund = fixture.refunds.refundFromConsole(merchant.merchantId(), payment, fen(1_200), "returned\0");

        assertThat(refund.amount()).isEqualTo(1_200);
        assertThat(refund.outRefundNo()).startsWith("con_");
        assertThat(refund.reason()).isEqualTo("returned");
        assertThat(fixture.audited).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo("refund.created");
            assertThat(change.targetId()).isEqualTo(refund.id());
            assertThat(change.merchantId()).isEqualTo(merchant.merchantId());
        });
        assertThatThrownBy(() -> fixture.refunds.refundFromConsole(other.merchantId(), payment, fen(1), "x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
        assertThatThrownBy(() -> fixture.refunds.refundFromConsole(merchant.merchantId(), payment, fen(3_801), "x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("REFUND_EXCEEDS_PAID"));
        assertThat(refundsOf(payment)).isEqualTo(1);
        assertThat(fixture.audited).hasSize(1);
    }

    private String paid(long amount) {
        Payment payment = fixture.orders.order(
                merchant,
                new OrderRequest(
                        "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                        amount,
                        "CNY",
                        "test",
                        null,
                        PayWay.ALIPAY_QR,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        String attempt = fixture.jdbc
                .sql("select id from payment_attempt where payment_id = :p")
                .param("p", payment.id())
                .query(String.class)
                .single();
        fixture.settlement.tradePaid(
                new TradeRef(AppId.of(merchant.appId()), PayWay.ALIPAY_QR, OutTradeNo.of(attempt)),
                new PaidTrade("txn-" + attempt, fen(amount), fixture.clock.instant(), false, null));
        return payment.id();
    }

    private int refundsOf(String paymentId) {
        return fixture.jdbc
                .sql("select count(*) from refund where payment_id = :p")
                .param("p", paymentId)
                .query(Integer.class)
                .single();
    }

    private static Money fen(long amount) {
        return Money.of(amount, Currency.CNY);
    }
}
