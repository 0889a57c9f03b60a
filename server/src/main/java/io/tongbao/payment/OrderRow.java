package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A payment order as stored. Made by {@link #created} (a new order) or {@link #read} (a row of
 * {@code payment_order}); what is set only later (paid, closed, refunded) is written by the store's guarded updates.
 * Its status follows from its {@link Ending}: none while PENDING, so a paid order always names its attempt and a
 * PENDING one can have neither a payment time nor a closing time.
 */
record OrderRow(
        PaymentId id,
        MerchantId merchantId,
        AppId appId,
        OutTradeNo outTradeNo,
        Money amount,
        OrderTerms terms,
        PayWay payWay,
        Instant expiresAt,
        @Nullable Ending ending,
        boolean refundable,
        RefundTally refunded,
        @Nullable Fee fee,
        Instant createdAt) {

    /** How an order left PENDING: paid by one of its attempts, or closed unpaid. Either happens once. */
    sealed interface Ending {}

    /** Which attempt paid the order, and when. */
    record Paid(AttemptId attemptId, Instant at) implements Ending {}

    record Closed(Instant at) implements Ending {}

    /**
     * What the merchant asked for besides the amount, and the hash by which the same out_trade_no asked for again is
     * recognised as the same order.
     */
    record OrderTerms(
            String subject,
            @Nullable String description,
            @Nullable String metadataJson,
            @Nullable String notifyUrl,
            @Nullable String returnUrl,
            String requestHash) {}

    /** What has been reserved for refunds so far (failed refunds give theirs back), and how many were asked for. */
    record RefundTally(Money amount, int count) {}

    /** The channel fee snapshotted when the order was made, from the app's rate for its pay way. */
    record Fee(int ratePpm, Money amount) {}

    /**
     * A new PENDING order (no ending yet), refundable once paid, nothing refunded yet. {@code fee} is null when no
     * rate is set.
     */
    static OrderRow created(
            PaymentId id,
            MerchantId merchantId,
            AppId appId,
            OutTradeNo outTradeNo,
            Money amount,
            OrderTerms terms,
            PayWay payWay,
            Instant expiresAt,
            @Nullable Fee fee,
            Instant createdAt) {
        return new OrderRow(
                id,
                merchantId,
                appId,
                outTradeNo,
                amount,
                terms,
                payWay,
                expiresAt,
                null,
                true,
                new RefundTally(Money.zero(amount.currency()), 0),
                fee,
                createdAt);
    }

    /** The current row of a {@code select * from payment_order}. */
    static OrderRow read(ResultSet rs, int rowNumber) throws SQLException {
        Currency currency = Currency.byCode(rs.getString("currency")).orElseThrow();
        Integer ratePpm = (Integer) rs.getObject("fee_rate_ppm");
        Fee fee = ratePpm == null ? null : new Fee(ratePpm, Money.of(rs.getLong("fee"), currency));
        Ending ending = switch (PaymentStatus.valueOf(rs.getString("status"))) {
            case PENDING -> null;
            case PAID -> new Paid(AttemptId.of(rs.getString("paid_attempt_id")), requiredInstant(rs, "paid_at"));
            case CLOSED -> new Closed(requiredInstant(rs, "closed_at"));
        };
        return new OrderRow(
                PaymentId.of(rs.getString("id")),
                MerchantId.of(rs.getString("merchant_id")),
                AppId.of(rs.getString("app_id")),
                OutTradeNo.of(rs.getString("out_trade_no")),
                Money.of(rs.getLong("amount"), currency),
                new OrderTerms(
                        rs.getString("subject"),
                        rs.getString("description"),
                        rs.getString("metadata"),
                        rs.getString("notify_url"),
                        rs.getString("return_url"),
                        rs.getString("request_hash")),
                PayWay.valueOf(rs.getString("pay_way")),
                requiredInstant(rs, "expires_at"),
                ending,
                rs.getBoolean("refundable"),
                new RefundTally(Money.of(rs.getLong("amount_refunded"), currency), rs.getInt("refund_count")),
                fee,
                requiredInstant(rs, "created_at"));
    }

    PaymentStatus status() {
        return switch (ending) {
            case null -> PaymentStatus.PENDING;
            case Paid paid -> PaymentStatus.PAID;
            case Closed closed -> PaymentStatus.CLOSED;
        };
    }

    /** The payment, when the order is PAID; null otherwise. */
    @Nullable
    Paid paid() {
        return ending instanceof Paid paid ? paid : null;
    }

    /** When the order closed unpaid; null unless it is CLOSED. */
    @Nullable
    Instant closedAt() {
        return ending instanceof Closed closed ? closed.at() : null;
    }

    /** What may still be refunded: the amount less what is reserved for refunds. */
    Money refundableAmount() {
        return amount.minus(refunded.amount());
    }
}
