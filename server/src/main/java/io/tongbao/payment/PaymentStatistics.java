package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.at;

import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The console overview's figures: counts and sums over payments, refunds and open payment exceptions, for one
 * merchant (its id as the scope) or every merchant (null, the operator). Days are calendar days in the zone given
 * (the user's): "today" starts at its midnight, "the last 7 days" are today and the six days before.
 */
@Service
public class PaymentStatistics {

    private final JdbcClient jdbc;
    private final Clock clock;

    PaymentStatistics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Payments created, of them paid, and paid amounts (by the day they were paid); refunds created. */
    public record Figures(
            long todayPayments,
            long todayPaid,
            Money todayPaidAmount,
            long weekPayments,
            long weekPaid,
            Money weekPaidAmount,
            long weekRefunds,
            Money weekRefundedAmount,
            long openExceptions) {}

    /** One calendar day's paid payments (by when they were paid). */
    public record DailyPaid(LocalDate day, long paid, Money amount) {}

    public Figures figures(@Nullable String merchantScope, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Instant todayStart = today.atStartOfDay(zone).toInstant();
        Instant weekStart = today.minusDays(6).atStartOfDay(zone).toInstant();
        record PaymentCounts(
                long todayPayments,
                long todayPaid,
                long todayAmount,
                long weekPayments,
                long weekPaid,
                long weekAmount) {}
        PaymentCounts payments = jdbc.sql("""
                        select count(*) filter (where created_at >= :today) as today_payments,
                               count(*) filter (where paid_at >= :today) as today_paid,
                               coalesce(sum(amount) filter (where paid_at >= :today), 0) as today_amount,
                               count(*) filter (where created_at >= :week) as week_payments,
                               count(*) filter (where paid_at >= :week) as week_paid,
                               coalesce(sum(amount) filter (where paid_at >= :week), 0) as week_amount
                        from payment_order
                        where (created_at >= :week or paid_at >= :week)
                          and (cast(:merchant as text) is null or merchant_id = :merchant)""")
                .param("today", at(todayStart))
                .param("week", at(weekStart))
                .param("merchant", merchantScope)
                .query((rs, row) -> new PaymentCounts(
                        rs.getLong("today_payments"),
                        rs.getLong("today_paid"),
                        rs.getLong("today_amount"),
                        rs.getLong("week_payments"),
                        rs.getLong("week_paid"),
                        rs.getLong("week_amount")))
                .single();
        record RefundCounts(long count, long succeededAmount) {}
        RefundCounts refunds = jdbc.sql("""
                        select count(*) as refunds,
                               coalesce(sum(amount) filter (where status = 'SUCCEEDED'), 0) as succeeded_amount
                        from refund
                        where created_at >= :week and (cast(:merchant as text) is null or merchant_id = :merchant)""")
                .param("week", at(weekStart))
                .param("merchant", merchantScope)
                .query((rs, row) -> new RefundCounts(rs.getLong("refunds"), rs.getLong("succeeded_amount")))
                .single();
        long openExceptions =
                jdbc.sql("""
                        select count(*) from payment_exception
                        where resolved_at is null and (cast(:merchant as text) is null or merchant_id = :merchant)""").param("merchant", merchantScope).query(Long.class).single();
        return new Figures(
                payments.todayPayments(),
                payments.todayPaid(),
                yuan(payments.todayAmount()),
                payments.weekPayments(),
                payments.weekPaid(),
                yuan(payments.weekAmount()),
                refunds.count(),
                yuan(refunds.succeededAmount()),
                openExceptions);
    }

    /** The last {@code days} calendar days, oldest first, today last; a day without payments is there with zero. */
    public List<DailyPaid> paidPerDay(@Nullable String merchantScope, ZoneId zone, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, DailyPaid> paid = jdbc
                .sql("""
                        select cast(paid_at at time zone :zone as date) as day, count(*) as paid, sum(amount) as amount
                        from payment_order
                        where status = 'PAID' and paid_at >= :from
                          and (cast(:merchant as text) is null or merchant_id = :merchant)
                        group by 1""")
                .param("zone", zone.getId())
                .param("from", at(first.atStartOfDay(zone).toInstant()))
                .param("merchant", merchantScope)
                .query((rs, row) -> new DailyPaid(
                        rs.getObject("day", LocalDate.class), rs.getLong("paid"), yuan(rs.getLong("amount"))))
                .list()
                .stream()
                .collect(Collectors.toMap(DailyPaid::day, Function.identity()));
        return first.datesUntil(today.plusDays(1))
                .map(day -> paid.getOrDefault(day, new DailyPaid(day, 0, Money.zero(Currency.CNY))))
                .toList();
    }

    private static Money yuan(long fen) {
        return Money.of(fen, Currency.CNY);
    }
}
