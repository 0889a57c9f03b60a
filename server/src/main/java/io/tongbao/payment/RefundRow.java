package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.id.RefundId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A refund as stored, read by {@link #read}. A refund begins as a {@link NewRefund}; its progress at the channel is
 * written by the store's guarded updates.
 */
record RefundRow(
        RefundId id,
        PaymentId paymentId,
        AttemptId attemptId,
        MerchantId merchantId,
        AppId appId,
        OutRefundNo outRefundNo,
        Money amount,
        @Nullable String reason,
        RefundStatus status,
        boolean automatic,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        @Nullable String channelRefundId,
        @Nullable Instant submittedAt,
        Instant createdAt,
        @Nullable Instant succeededAt) {

    /**
     * The current row of a {@code select * from refund}. A refund is in its payment's currency, the only one Tongbao
     * takes, so the refund table does not repeat it.
     */
    static RefundRow read(ResultSet rs, int rowNumber) throws SQLException {
        return new RefundRow(
                RefundId.of(rs.getString("id")),
                PaymentId.of(rs.getString("payment_id")),
                AttemptId.of(rs.getString("attempt_id")),
                MerchantId.of(rs.getString("merchant_id")),
                AppId.of(rs.getString("app_id")),
                OutRefundNo.of(rs.getString("out_refund_no")),
                Money.of(rs.getLong("amount"), Currency.CNY),
                rs.getString("reason"),
                RefundStatus.valueOf(rs.getString("status")),
                rs.getBoolean("automatic"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getString("channel_refund_id"),
                instant(rs, "submitted_at"),
                requiredInstant(rs, "created_at"),
                instant(rs, "succeeded_at"));
    }
}
