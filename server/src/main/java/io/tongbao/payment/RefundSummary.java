package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A refund as the console shows it. {@code automatic}: Tongbao's own refund of money that should not have been taken
 * (a surplus payment, one after the close), not the merchant's. {@code updatedAt} is when its status last moved (for
 * a FAILED refund: when it failed).
 */
public record RefundSummary(
        String id,
        String paymentId,
        String attemptId,
        String merchantId,
        String appId,
        String outRefundNo,
        Money amount,
        @Nullable String reason,
        RefundStatus status,
        boolean automatic,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        @Nullable String channelRefundId,
        Instant createdAt,
        @Nullable Instant succeededAt,
        Instant updatedAt) {

    /** The current row of a {@code select * from refund}: refunds are in CNY, the only currency Tongbao takes. */
    static RefundSummary read(ResultSet rs, int rowNumber) throws SQLException {
        return new RefundSummary(
                rs.getString("id"),
                rs.getString("payment_id"),
                rs.getString("attempt_id"),
                rs.getString("merchant_id"),
                rs.getString("app_id"),
                rs.getString("out_refund_no"),
                Money.of(rs.getLong("amount"), Currency.CNY),
                rs.getString("reason"),
                RefundStatus.valueOf(rs.getString("status")),
                rs.getBoolean("automatic"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getString("channel_refund_id"),
                requiredInstant(rs, "created_at"),
                instant(rs, "succeeded_at"),
                requiredInstant(rs, "updated_at"));
    }
}
