package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.payment.PaymentStatistics.DailyPaid;
import io.tongbao.payment.PaymentStatistics.Figures;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The overview's figures on real PostgreSQL: scoped by merchant, days cut at midnight in the zone asked for (a
 * payment at 00:30 in Shanghai is the next day there and the same day in UTC).
 */
class PaymentStatisticsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    PaymentFixture fixture;
    PaymentStatistics statistics;
    MerchantCaller merchantA;
    MerchantCaller merchantB;

    @BeforeEach
    void setUp() {
        fixture = PaymentFixture.start();
        statistics = new PaymentStatistics(fixture.jdbc, fixture.clock);
        merchantA = fixture.newMerchant();
        merchantB = fixture.newMerchant();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void figuresAreTheScopesAndDaysAreCalendarDaysOfTheZone() {
        // the fixture's clock starts at 2026-11-22T08:00Z; 23:30 in Shanghai on 11-22
        fixture.clock.advance(Duration.ofMinutes(450));
        Payment first = paid(merchantA, 1000);
        fixture.clock.advance(Duration.ofHours(1)); // 00:30 on 11-23 in Shanghai, still 11-22 in UTC
        paid(merchantA, 2000);
        paid(merchantB, 5000);
        closedThenPaid(merchantA, 400);
        fixture.refunds.refund(
                merchantA,
                PaymentId.of(first.id()),
                new Refunds.RefundRequest("rf-" + UUID.randomUUID(), 300L, "test"));

        Figures shanghai = statistics.figures(merchantA.merchantId(), SHANGHAI);
        assertThat(shanghai.todayPaid()).isEqualTo(1);
        assertThat(shanghai.todayPaidAmount()).isEqualTo(Money.of(2000, Currency.CNY));
        assertThat(shanghai.todayPayments()).isEqualTo(2);
        assertThat(shanghai.weekPaid()).isEqualTo(2);
        assertThat(shanghai.weekPaidAmount()).isEqualTo(Money.of(3000, Currency.CNY));
        assertThat(shanghai.weekPayments()).isEqualTo(3);
        // the one asked for, and the automatic refund of the money paid after the close
        assertThat(shanghai.weekRefunds()).isEqualTo(2);
        assertThat(shanghai.openExceptions()).isEqualTo(1);

        assertThat(statistics.figures(merchantA.merchantId(), ZoneOffset.UTC).todayPaidAmount())
                .isEqualTo(Money.of(3000, Currency.CNY));
        assertThat(statistics.figures(merchantB.merchantId(), SHANGHAI).todayPaidAmount())
                .isEqualTo(Money.of(5000, Currency.CNY));
        assertThat(statistics.figures(merchantB.merchantId(), SHANGHAI).openExceptions())
                .isZero();
        assertThat(statistics.figures(null, SHANGHAI).weekPaidAmount()).isEqualTo(Money.of(8000, Currency.CNY));

        List<DailyPaid> days = statistics.paidPerDay(merchantA.merchantId(), SHANGHAI, 14);
        assertThat(days).hasSize(14);
        assertThat(days.getLast())
                .isEqualTo(new DailyPaid(LocalDate.parse("2026-11-23"), 1, Money.of(2000, Currency.CNY)));
        assertThat(days.get(12))
                .isEqualTo(new DailyPaid(LocalDate.parse("2026-11-22"), 1, Money.of(1000, Currency.CNY)));
        assertThat(days.getFirst())
                .isEqualTo(new DailyPaid(LocalDate.parse("2026-11-10"), 0, Money.zero(Currency.CNY)));
        assertThat(statistics
                        .paidPerDay(merchantA.merchantId(), ZoneOffset.UTC, 14)
                        .getLast())
                .isEqualTo(new DailyPaid(LocalDate.parse("2026-11-22"), 2, Money.of(3000, Currency.CNY)));
    }

    private Payment paid(MerchantCaller merchant, long amount) {
        Payment payment = order(merchant, amount);
        fixture.settlement.tradePaid(
                trade(merchant, liveAttempt(payment.id())), paidTrade("txn-" + payment.id(), amount));
        return payment;
    }

    /** Closed, then paid at the channel: money where none was expected, an open payment exception. */
    private void closedThenPaid(MerchantCaller merchant, long amount) {
        Payment payment = order(merchant, amount);
        String attempt = liveAttempt(payment.id());
        fixture.payments.close(merchant, PaymentId.of(payment.id()));
        fixture.settlement.tradePaid(trade(merchant, attempt), paidTrade("late-" + attempt, amount));
    }

    private Payment order(MerchantCaller merchant, long amount) {
        return fixture.orders.order(
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
}
