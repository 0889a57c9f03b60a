package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.at;

import io.tongbao.shared.page.PageRequest;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The console's reads in SQL: each list filtered by optional parameters ({@code cast(:x as …) is null or …}) and read
 * by keyset on (time, id), one row more than the page so that the page knows whether there is more. Read only.
 */
@Repository
class ConsoleReadStore {

    private final JdbcClient jdbc;

    ConsoleReadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<OrderRow> payments(PaymentFilter filter, PageRequest page) {
        String sql = """
                select o.* from payment_order o
                where (cast(:merchant as text) is null or o.merchant_id = :merchant)
                  and (cast(:app as text) is null or o.app_id = :app)
                  and (cast(:payment as text) is null or o.id = :payment)
                  and (cast(:outTradeNo as text) is null or o.out_trade_no = :outTradeNo)
                  and (cast(:channelTradeNo as text) is null or exists (
                        select 1 from payment_attempt a
                        where a.payment_id = o.id and a.channel_transaction_id = :channelTradeNo))
                  and (cast(:payWay as text) is null or o.pay_way = :payWay)
                  and (cast(:status as text) is null or o.status = :status)
                  and (cast(:from as timestamptz) is null or o.created_at >= :from)
                  and (cast(:to as timestamptz) is null or o.created_at < :to)
                  and (cast(:amountMin as bigint) is null or o.amount >= :amountMin)
                  and (cast(:amountMax as bigint) is null or o.amount <= :amountMax)
                  and %s
                order by %s limit :limit""".formatted(page.keysetCondition("o.created_at", "o.id"), page.order("o.created_at", "o.id"));
        var statement = jdbc.sql(sql)
                .param("merchant", filter.merchantId())
                .param("app", filter.appId())
                .param("payment", filter.paymentId())
                .param("outTradeNo", filter.outTradeNo())
                .param("channelTradeNo", filter.channelTradeNo())
                .param(
                        "payWay",
                        filter.payWay() == null ? null : filter.payWay().name())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("from", at(filter.createdFrom()))
                .param("to", at(filter.createdTo()))
                .param("amountMin", filter.amountMin())
                .param("amountMax", filter.amountMax());
        return page.bind(statement).query(OrderRow::read).list();
    }

    List<RefundSummary> refunds(RefundFilter filter, PageRequest page) {
        String sql = """
                select * from refund
                where (cast(:merchant as text) is null or merchant_id = :merchant)
                  and (cast(:app as text) is null or app_id = :app)
                  and (cast(:payment as text) is null or payment_id = :payment)
                  and (cast(:outRefundNo as text) is null or out_refund_no = :outRefundNo)
                  and (cast(:status as text) is null or status = :status)
                  and (cast(:from as timestamptz) is null or created_at >= :from)
                  and (cast(:to as timestamptz) is null or created_at < :to)
                  and %s
                order by %s limit :limit""".formatted(page.keysetCondition("created_at", "id"), page.order("created_at", "id"));
        var statement = jdbc.sql(sql)
                .param("merchant", filter.merchantId())
                .param("app", filter.appId())
                .param("payment", filter.paymentId())
                .param("outRefundNo", filter.outRefundNo())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("from", at(filter.createdFrom()))
                .param("to", at(filter.createdTo()));
        return page.bind(statement).query(RefundSummary::read).list();
    }

    List<PaymentExceptionView> exceptions(ExceptionFilter filter, PageRequest page) {
        String sql = """
                select * from payment_exception
                where (cast(:merchant as text) is null or merchant_id = :merchant)
                  and (cast(:app as text) is null or app_id = :app)
                  and (cast(:kind as text) is null or kind = :kind)
                  and (:resolved = 'ALL' or (:resolved = 'YES') = (resolved_at is not null))
                  and (cast(:from as timestamptz) is null or last_seen_at >= :from)
                  and (cast(:to as timestamptz) is null or last_seen_at < :to)
                  and %s
                order by %s limit :limit""".formatted(page.keysetCondition("last_seen_at", "id"), page.order("last_seen_at", "id"));
        var statement = jdbc.sql(sql)
                .param("merchant", filter.merchantId())
                .param("app", filter.appId())
                .param("kind", filter.kind())
                .param("resolved", filter.resolved().name())
                .param("from", at(filter.seenFrom()))
                .param("to", at(filter.seenTo()));
        return page.bind(statement).query(PaymentExceptionView::read).list();
    }

    /** The order, unless {@code merchantScope} is given and is not its merchant. */
    Optional<OrderRow> order(@Nullable String merchantScope, String paymentId) {
        return jdbc.sql("""
                        select * from payment_order
                        where id = :id and (cast(:merchant as text) is null or merchant_id = :merchant)""")
                .param("id", paymentId)
                .param("merchant", merchantScope)
                .query(OrderRow::read)
                .optional();
    }

    List<AttemptView> attempts(String paymentId) {
        return jdbc.sql("select * from payment_attempt where payment_id = :payment order by created_at, id")
                .param("payment", paymentId)
                .query(AttemptView::read)
                .list();
    }

    List<RefundSummary> refundsOf(String paymentId) {
        return jdbc.sql("select * from refund where payment_id = :payment order by created_at, id")
                .param("payment", paymentId)
                .query(RefundSummary::read)
                .list();
    }

    /**
     * Recorded against the payment, or against one of its attempts without naming the payment (a verified
     * notification refused for its amount, sampled per trade).
     */
    List<PaymentExceptionView> exceptionsOf(String paymentId) {
        return jdbc.sql("""
                        select * from payment_exception
                        where payment_id = :payment
                           or (payment_id is null
                               and attempt_id in (select id from payment_attempt where payment_id = :payment))
                        order by created_at, id""")
                .param("payment", paymentId)
                .query(PaymentExceptionView::read)
                .list();
    }
}
