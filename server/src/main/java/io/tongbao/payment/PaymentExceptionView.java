package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something money-related that did not go as expected, as the console shows it. {@code kind}: SURPLUS_PAYMENT,
 * PAID_AFTER_CLOSE (real money, {@code resolution} AUTO_REFUND or HELD_FOR_OPERATOR) or a refused notification's
 * reason ({@code resolution} REJECTED). A refused notification is sampled: {@code occurrences} counts how many came,
 * {@code lastSeenAt} the latest. {@code attemptId} of a refused one is what the notification claimed, unverified.
 * {@code resolvedAt/By/Note} are set once, when an operator or merchant dealt with it.
 */
public record PaymentExceptionView(
        String id,
        @Nullable String merchantId,
        @Nullable String appId,
        @Nullable String paymentId,
        @Nullable String attemptId,
        String kind,
        String detail,
        @Nullable String resolution,
        int occurrences,
        Instant createdAt,
        Instant lastSeenAt,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        @Nullable String resolutionNote) {

    public boolean resolved() {
        return resolvedAt != null;
    }

    static PaymentExceptionView read(ResultSet rs, int rowNumber) throws SQLException {
        return new PaymentExceptionView(
                rs.getString("id"),
                rs.getString("merchant_id"),
                rs.getString("app_id"),
                rs.getString("payment_id"),
                rs.getString("attempt_id"),
                rs.getString("kind"),
                rs.getString("detail"),
                rs.getString("resolution"),
                rs.getInt("occurrences"),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "last_seen_at"),
                instant(rs, "resolved_at"),
                rs.getString("resolved_by"),
                rs.getString("resolution_note"));
    }
}
