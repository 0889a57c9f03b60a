package io.tongbao.sdk;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Payments: {@code client.payments()}. Orders are idempotent by out_trade_no and refunds by out_refund_no, so each
 * call sends a fresh idempotency key (reused only by the client's own retries of that call).
 */
public final class PaymentApi {

    private final TongbaoClient client;

    PaymentApi(TongbaoClient client) {
        this.client = client;
    }

    /** The unified order; the same out_trade_no and parameters again return the same payment. */
    public Payment create(PaymentRequest request) {
        // a fresh idempotency key per call: out_trade_no already makes the order idempotent, and a kept response
        // would hide that the payment was paid meanwhile
        return client.post("/api/v1/payments", request, Payment.class);
    }

    public Payment get(String paymentId) {
        return client.get("/api/v1/payments/" + CanonicalRequest.encode(paymentId), Map.of(), Payment.class);
    }

    public Payment close(String paymentId) {
        return client.post(
                "/api/v1/payments/" + CanonicalRequest.encode(paymentId) + "/close", Map.of(), Payment.class);
    }

    public Refund refund(String paymentId, RefundRequest request) {
        return client.post(
                "/api/v1/payments/" + CanonicalRequest.encode(paymentId) + "/refunds", request, Refund.class);
    }

    public List<Refund> refunds(String paymentId) {
        return Arrays.asList(client.get(
                "/api/v1/payments/" + CanonicalRequest.encode(paymentId) + "/refunds", Map.of(), Refund[].class));
    }

    /** One page, newest first; pass the page's {@code nextCursor} for the next. Null filters are left out. */
    public PaymentPage list(
            String outTradeNo, String status, String payWay, Instant from, Instant to, String cursor, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "out_trade_no", outTradeNo);
        put(query, "status", status);
        put(query, "pay_way", payWay);
        put(query, "from", from == null ? null : from.toString());
        put(query, "to", to == null ? null : to.toString());
        put(query, "cursor", cursor);
        query.put("limit", Integer.toString(limit));
        return client.get("/api/v1/payments", query, PaymentPage.class);
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }

    /** What to send for a unified order; amounts in fen. Buyer ids only where the pay way needs them. */
    public record PaymentRequest(
            String outTradeNo,
            long amount,
            String currency,
            String subject,
            String description,
            String payWay,
            Integer expiresInSeconds,
            String notifyUrl,
            String returnUrl,
            String clientIp,
            String openid,
            String buyerId,
            String authCode,
            Map<String, Object> metadata) {

        public static PaymentRequest of(String outTradeNo, long amount, String subject, String payWay) {
            return new PaymentRequest(
                    outTradeNo, amount, "CNY", subject, null, payWay, null, null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "PaymentRequest[outTradeNo=" + outTradeNo + ", amount=" + amount + ", payWay=" + payWay + "]";
        }
    }

    public record Payment(
            String id,
            String outTradeNo,
            String appId,
            long amount,
            String currency,
            String subject,
            String description,
            String status,
            String payWay,
            Instant expiresAt,
            Instant paidAt,
            Instant closedAt,
            long amountRefunded,
            boolean refundable,
            Long fee,
            Map<String, Object> metadata,
            ClientAction action,
            Instant createdAt) {}

    /** What the buyer's client needs: {@code type} says which {@code data} fields there are (docs/payments.md). */
    public record ClientAction(String type, Map<String, Object> data) {}

    public record PaymentPage(List<Payment> data, String nextCursor) {}

    public record RefundRequest(String outRefundNo, long amount, String reason) {}

    public record Refund(
            String id,
            String paymentId,
            String outRefundNo,
            long amount,
            String reason,
            String status,
            boolean automatic,
            String failureCode,
            String failureMessage,
            Instant createdAt,
            Instant succeededAt) {}
}
