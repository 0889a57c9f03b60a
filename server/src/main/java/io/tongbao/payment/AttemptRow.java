package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try at a channel. Its id is the out_trade_no the channel knows, so a closed one is never reused. Made by
 * {@link #creating} (a new attempt) or {@link #read} (a row of {@code payment_attempt}).
 */
record AttemptRow(
        AttemptId id,
        PaymentId paymentId,
        MerchantId merchantId,
        AppId appId,
        PayWay payWay,
        Money amount,
        AttemptStatus status,
        @Nullable String actionJson,
        boolean finished,
        int queryCount,
        Instant createdAt,
        @Nullable Paid paid) {

    /** The channel's transaction and when it was paid: set together, once, as the attempt SUCCEEDS. */
    record Paid(String channelTransactionId, Instant at) {}

    /** A new CREATING attempt at {@code order}'s amount, with a fresh id: nothing asked of the channel yet. */
    static AttemptRow creating(OrderRow order, PayWay payWay, Instant createdAt) {
        return new AttemptRow(
                AttemptId.next(),
                order.id(),
                order.merchantId(),
                order.appId(),
                payWay,
                order.amount(),
                AttemptStatus.CREATING,
                null,
                false,
                0,
                createdAt,
                null);
    }

    /**
     * The current row of a {@code select * from payment_attempt}. An attempt is in its order's currency, the only
     * one Tongbao takes, so the attempt table does not repeat it.
     */
    static AttemptRow read(ResultSet rs, int rowNumber) throws SQLException {
        Instant paidAt = instant(rs, "paid_at");
        return new AttemptRow(
                AttemptId.of(rs.getString("id")),
                PaymentId.of(rs.getString("payment_id")),
                MerchantId.of(rs.getString("merchant_id")),
                AppId.of(rs.getString("app_id")),
                PayWay.valueOf(rs.getString("pay_way")),
                Money.of(rs.getLong("amount"), Currency.CNY),
                AttemptStatus.valueOf(rs.getString("status")),
                rs.getString("action"),
                rs.getBoolean("finished"),
                rs.getInt("query_count"),
                requiredInstant(rs, "created_at"),
                paidAt == null ? null : new Paid(rs.getString("channel_transaction_id"), paidAt));
    }
}
