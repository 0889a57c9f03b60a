package io.tongbao.sandbox.wechatpay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One order and its state machine: NOTPAY → SUCCESS → REFUND (once any refund is made), or NOTPAY → CLOSED
 * (closed by the merchant or expired). Transitions are guarded under the order's own lock.
 */
final class WechatTransaction {

    /** At most 50 partial refunds per order. */
    static final int MAX_REFUNDS = 50;

    private final WechatMerchant merchant;
    private final String appid;
    private final String outTradeNo;
    private final String transactionId;
    private final String prepayId;
    private final TradeType tradeType;
    private final String description;
    private final long totalFen;
    private final String notifyUrl;
    private final String attach;
    private final String requestBody;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final List<WechatRefund> refunds = new ArrayList<>();
    private TradeState state = TradeState.NOTPAY;
    private String payerOpenid;
    private Instant successTime;

    WechatTransaction(
            WechatMerchant merchant,
            String appid,
            String outTradeNo,
            String transactionId,
            String prepayId,
            TradeType tradeType,
            String description,
            long totalFen,
            String notifyUrl,
            String attach,
            String payerOpenid,
            String requestBody,
            Instant createdAt,
            Instant expiresAt) {
        this.merchant = merchant;
        this.appid = appid;
        this.outTradeNo = outTradeNo;
        this.transactionId = transactionId;
        this.prepayId = prepayId;
        this.tradeType = tradeType;
        this.description = description;
        this.totalFen = totalFen;
        this.notifyUrl = notifyUrl;
        this.attach = attach;
        this.payerOpenid = payerOpenid;
        this.requestBody = requestBody;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    WechatMerchant merchant() {
        return merchant;
    }

    String appid() {
        return appid;
    }

    String outTradeNo() {
        return outTradeNo;
    }

    String transactionId() {
        return transactionId;
    }

    String prepayId() {
        return prepayId;
    }

    TradeType tradeType() {
        return tradeType;
    }

    String description() {
        return description;
    }

    long totalFen() {
        return totalFen;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    String attach() {
        return attach;
    }

    String requestBody() {
        return requestBody;
    }

    Instant createdAt() {
        return createdAt;
    }

    synchronized Snapshot snapshot(Instant now) {
        expireIfDue(now);
        return new Snapshot(this, state, payerOpenid, successTime, refundedFen(), List.copyOf(refunds));
    }

    /** @return true when this call moved the order to SUCCESS */
    synchronized boolean pay(Instant now, String openid) {
        expireIfDue(now);
        if (state != TradeState.NOTPAY) {
            return false;
        }
        state = TradeState.SUCCESS;
        successTime = now;
        if (payerOpenid == null) {
            payerOpenid = openid;
        }
        return true;
    }

    synchronized boolean close(Instant now) {
        expireIfDue(now);
        if (state != TradeState.NOTPAY) {
            return false;
        }
        state = TradeState.CLOSED;
        return true;
    }

    synchronized Optional<WechatRefund> refund(String outRefundNo) {
        return refunds.stream()
                .filter(refund -> refund.outRefundNo().equals(outRefundNo))
                .findFirst();
    }

    synchronized WechatRefund addRefund(
            Instant now, String refundId, String outRefundNo, long refundFen, String reason, String refundNotifyUrl) {
        expireIfDue(now);
        if (state != TradeState.SUCCESS && state != TradeState.REFUND) {
            throw WechatError.invalidRequest("订单未支付或已关闭，不能退款");
        }
        if (refunds.size() >= MAX_REFUNDS) {
            throw WechatError.invalidRequest("部分退款次数已达上限 " + MAX_REFUNDS + " 次");
        }
        if (refundFen > totalFen - refundedFen()) {
            throw WechatError.invalidRequest("申请退款金额超过订单可退金额");
        }
        WechatRefund refund =
                new WechatRefund(refundId, outRefundNo, refundFen, reason, refundNotifyUrl, now, "PROCESSING", null);
        refunds.add(refund);
        state = TradeState.REFUND;
        return refund;
    }

    synchronized Optional<WechatRefund> settleRefund(String outRefundNo, Instant now) {
        for (int i = 0; i < refunds.size(); i++) {
            WechatRefund refund = refunds.get(i);
            if (refund.outRefundNo().equals(outRefundNo) && "PROCESSING".equals(refund.status())) {
                WechatRefund settled = refund.succeeded(now);
                refunds.set(i, settled);
                return Optional.of(settled);
            }
        }
        return Optional.empty();
    }

    private long refundedFen() {
        return refunds.stream().mapToLong(WechatRefund::refundFen).sum();
    }

    private void expireIfDue(Instant now) {
        if (state == TradeState.NOTPAY && !now.isBefore(expiresAt)) {
            state = TradeState.CLOSED;
        }
    }

    record Snapshot(
            WechatTransaction transaction,
            TradeState state,
            String payerOpenid,
            Instant successTime,
            long refundedFen,
            List<WechatRefund> refunds) {

        boolean paid() {
            return successTime != null;
        }
    }
}
