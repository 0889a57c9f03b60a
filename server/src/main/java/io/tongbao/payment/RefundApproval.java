package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An operator's refund at or above the approval threshold, as the console lists it. {@code refundId} is set once the
 * approval made the refund; a FAILED one was approved but the refund path refused it then (its code and message).
 */
public record RefundApproval(
        String id,
        String paymentId,
        String merchantId,
        String appId,
        Money amount,
        String reason,
        String requestedBy,
        Status status,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String refundId,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        Instant createdAt) {

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED,
        FAILED
    }

    static RefundApproval read(ResultSet rs, int rowNumber) throws SQLException {
        return new RefundApproval(
                rs.getString("id"),
                rs.getString("payment_id"),
                rs.getString("merchant_id"),
                rs.getString("app_id"),
                Money.of(rs.getLong("amount"), Currency.CNY),
                rs.getString("reason"),
                rs.getString("requested_by"),
                Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"),
                instant(rs, "decided_at"),
                rs.getString("refund_id"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                requiredInstant(rs, "created_at"));
    }
}
