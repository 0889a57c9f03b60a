package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try of a payment at a channel, as the console's detail page shows it. Its id is the out_trade_no the channel
 * knows; {@code channelTradeNo} is the channel's own number (支付宝交易号, 微信支付订单号) once it has one.
 * {@code updatedAt} is when its status last moved (for a FAILED attempt: when it failed).
 */
public record AttemptView(
        String id,
        PayWay payWay,
        PayWay.Channel channel,
        Money amount,
        AttemptStatus status,
        @Nullable String channelTradeNo,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        Instant createdAt,
        @Nullable Instant paidAt,
        @Nullable Instant closedAt,
        Instant updatedAt) {

    /** The current row of a {@code select * from payment_attempt}. */
    static AttemptView read(ResultSet rs, int rowNumber) throws SQLException {
        return new AttemptView(
                rs.getString("id"),
                PayWay.valueOf(rs.getString("pay_way")),
                PayWay.Channel.valueOf(rs.getString("channel")),
                Money.of(rs.getLong("amount"), Currency.CNY),
                AttemptStatus.valueOf(rs.getString("status")),
                rs.getString("channel_transaction_id"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                requiredInstant(rs, "created_at"),
                instant(rs, "paid_at"),
                instant(rs, "closed_at"),
                requiredInstant(rs, "updated_at"));
    }
}
