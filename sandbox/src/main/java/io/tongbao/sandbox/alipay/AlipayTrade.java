package io.tongbao.sandbox.alipay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One trade and its state machine: WAIT_BUYER_PAY → TRADE_SUCCESS → TRADE_FINISHED, or → TRADE_CLOSED (unpaid and
 * closed or expired, or paid and refunded in full). Every transition is guarded under the trade's own lock, so a
 * buyer paying while the merchant closes ends in exactly one of the two.
 */
final class AlipayTrade {

    /** How the trade came to be: it decides when a query can first see it. */
    enum Origin {
        PRECREATE,
        CREATE,
        PAGE,
        APP,
        BARCODE
    }

    private final AlipayApp app;
    private final String tradeNo;
    private final String outTradeNo;
    private final long totalFen;
    private final String subject;
    private final Origin origin;
    private final SignType signType;
    private final String notifyUrl;
    private final String returnUrl;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final List<AlipayRefund> refunds = new ArrayList<>();
    private TradeStatus status = TradeStatus.WAIT_BUYER_PAY;
    private boolean visible;
    private String buyerId;
    private String buyerLogonId;
    private Instant paidAt;
    private Instant closedAt;

    AlipayTrade(
            AlipayApp app,
            String tradeNo,
            String outTradeNo,
            long totalFen,
            String subject,
            Origin origin,
            SignType signType,
            String notifyUrl,
            String returnUrl,
            Instant createdAt,
            Instant expiresAt,
            String buyerId) {
        this.app = app;
        this.tradeNo = tradeNo;
        this.outTradeNo = outTradeNo;
        this.totalFen = totalFen;
        this.subject = subject;
        this.origin = origin;
        this.signType = signType;
        this.notifyUrl = notifyUrl;
        this.returnUrl = returnUrl;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.buyerId = buyerId;
        // Alipay only knows a precreated trade once a buyer scans its QR code: until then a query says TRADE_NOT_EXIST
        this.visible = origin != Origin.PRECREATE;
    }

    AlipayApp app() {
        return app;
    }

    String tradeNo() {
        return tradeNo;
    }

    String outTradeNo() {
        return outTradeNo;
    }

    long totalFen() {
        return totalFen;
    }

    String subject() {
        return subject;
    }

    Origin origin() {
        return origin;
    }

    SignType signType() {
        return signType;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    String returnUrl() {
        return returnUrl;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    synchronized TradeStatus status(Instant now) {
        expireIfDue(now);
        return status;
    }

    synchronized boolean visible() {
        return visible;
    }

    synchronized void markScanned() {
        visible = true;
    }

    synchronized Snapshot snapshot(Instant now) {
        expireIfDue(now);
        return new Snapshot(
                this, status, visible, buyerId, buyerLogonId, paidAt, closedAt, refundedFen(), List.copyOf(refunds));
    }

    /** @return true when this call moved the trade to TRADE_SUCCESS */
    synchronized boolean pay(Instant now, String buyer, String logonId) {
        expireIfDue(now);
        if (status != TradeStatus.WAIT_BUYER_PAY) {
            return false;
        }
        status = TradeStatus.TRADE_SUCCESS;
        visible = true;
        paidAt = now;
        if (buyerId == null) {
            buyerId = buyer;
        }
        buyerLogonId = logonId;
        return true;
    }

    /** @return true when this call closed an unpaid trade */
    synchronized boolean close(Instant now) {
        expireIfDue(now);
        if (status != TradeStatus.WAIT_BUYER_PAY) {
            return false;
        }
        status = TradeStatus.TRADE_CLOSED;
        closedAt = now;
        return true;
    }

    /** @return true when the refund window ended now, false if the trade had left TRADE_SUCCESS before */
    synchronized boolean finish() {
        if (status != TradeStatus.TRADE_SUCCESS) {
            return false;
        }
        status = TradeStatus.TRADE_FINISHED;
        return true;
    }

    synchronized Optional<AlipayRefund> refund(String outRequestNo) {
        return refunds.stream()
                .filter(refund -> refund.outRequestNo().equals(outRequestNo))
                .findFirst();
    }

    /**
     * Adds a refund after checking the state and the amount left. Refunding everything closes the trade, as
     * Alipay does.
     */
    synchronized AlipayRefund addRefund(Instant now, String outRequestNo, long amountFen, String reason) {
        expireIfDue(now);
        switch (status) {
            case WAIT_BUYER_PAY, TRADE_CLOSED -> throw AlipayError.business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            case TRADE_FINISHED -> throw AlipayError.business("ACQ.TRADE_HAS_FINISHED", "交易已完结");
            case TRADE_SUCCESS -> {}
        }
        if (amountFen > totalFen - refundedFen()) {
            throw AlipayError.business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
        }
        AlipayRefund refund = new AlipayRefund(outRequestNo, amountFen, reason, now);
        refunds.add(refund);
        if (refundedFen() == totalFen) {
            status = TradeStatus.TRADE_CLOSED;
            closedAt = now;
        }
        return refund;
    }

    private long refundedFen() {
        return refunds.stream().mapToLong(AlipayRefund::amountFen).sum();
    }

    private void expireIfDue(Instant now) {
        if (status == TradeStatus.WAIT_BUYER_PAY && !now.isBefore(expiresAt)) {
            status = TradeStatus.TRADE_CLOSED;
            closedAt = expiresAt;
        }
    }

    /** A consistent view of a trade at one moment, for replies and notifications. */
    record Snapshot(
            AlipayTrade trade,
            TradeStatus status,
            boolean visible,
            String buyerId,
            String buyerLogonId,
            Instant paidAt,
            Instant closedAt,
            long refundedFen,
            List<AlipayRefund> refunds) {

        boolean paid() {
            return paidAt != null;
        }
    }
}
