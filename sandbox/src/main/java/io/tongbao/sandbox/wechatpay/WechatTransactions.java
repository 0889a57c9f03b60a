package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.SandboxScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** All WeChat Pay orders of the sandbox and the rules that move them. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatTransactions {

    /** The buyer who pays when a test does not say who. */
    static final String DEFAULT_OPENID = "oSandboxBuyer000000000000000";

    /** WeChat Pay's default payment window. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofDays(7);

    private static final DateTimeFormatter PREPAY_STAMP =
            DateTimeFormatter.ofPattern("ddHHmmss").withZone(SandboxClock.CHINA);

    private final Map<String, WechatTransaction> byOutTradeNo = new ConcurrentHashMap<>();
    private final Map<String, WechatTransaction> byTransactionId = new ConcurrentHashMap<>();
    private final Map<String, WechatTransaction> byPrepayId = new ConcurrentHashMap<>();
    private final Map<String, WechatTransaction> byOutRefundNo = new ConcurrentHashMap<>();
    private final SandboxClock clock;
    private final SandboxScheduler scheduler;
    private final WechatNotifier notifier;

    WechatTransactions(SandboxClock clock, SandboxScheduler scheduler, WechatNotifier notifier) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.notifier = notifier;
    }

    record Prepay(
            WechatMerchant merchant,
            TradeType tradeType,
            String appid,
            String outTradeNo,
            String description,
            long totalFen,
            String notifyUrl,
            String attach,
            String payerOpenid,
            String timeExpire,
            String requestBody) {}

    /**
     * Creates the order, or returns the open one when the request is repeated byte for byte (a client retrying
     * after a timeout). The same out_trade_no with other content is refused, as is one already paid or closed.
     */
    WechatTransaction prepay(Prepay prepay) {
        WechatMerchant merchant = prepay.merchant();
        if (!merchant.appids().contains(prepay.appid())) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
        }
        Instant now = clock.instant();
        Instant expiresAt = prepay.timeExpire() == null
                ? now.plus(DEFAULT_TIMEOUT)
                : WechatTime.parse("time_expire", prepay.timeExpire());
        if (!expiresAt.isAfter(now)) {
            throw WechatError.param("time_expire 已经过去: " + prepay.timeExpire());
        }
        WechatTransaction candidate = new WechatTransaction(
                merchant,
                prepay.appid(),
                prepay.outTradeNo(),
                "42000" + Ids.dated(now, 15),
                "wx" + PREPAY_STAMP.format(now) + Ids.hex(12),
                prepay.tradeType(),
                prepay.description(),
                prepay.totalFen(),
                prepay.notifyUrl(),
                prepay.attach(),
                prepay.payerOpenid(),
                prepay.requestBody(),
                now,
                expiresAt);
        WechatTransaction order =
                byOutTradeNo.computeIfAbsent(key(merchant.mchid(), prepay.outTradeNo()), k -> candidate);
        if (order != candidate) {
            return repeated(order, prepay);
        }
        byTransactionId.put(order.transactionId(), order);
        byPrepayId.put(order.prepayId(), order);
        return order;
    }

    private WechatTransaction repeated(WechatTransaction order, Prepay prepay) {
        switch (order.snapshot(clock.instant()).state()) {
            case SUCCESS, REFUND -> throw new WechatError(HttpStatus.FORBIDDEN, "ORDERPAID", "该订单已支付");
            case CLOSED -> throw new WechatError(HttpStatus.BAD_REQUEST, "ORDER_CLOSED", "订单已关闭");
            case NOTPAY -> {}
        }
        if (order.tradeType() != prepay.tradeType() || !order.requestBody().equals(prepay.requestBody())) {
            throw new WechatError(HttpStatus.FORBIDDEN, "OUT_TRADE_NO_USED", "商户订单号重复");
        }
        return order;
    }

    WechatTransaction byOutTradeNo(WechatMerchant merchant, String outTradeNo) {
        WechatTransaction order = byOutTradeNo.get(key(merchant.mchid(), outTradeNo));
        if (order == null) {
            throw WechatError.orderNotExist();
        }
        return order;
    }

    WechatTransaction byTransactionId(WechatMerchant merchant, String transactionId) {
        WechatTransaction order = byTransactionId.get(transactionId);
        if (order == null
                || !order.merchant().mchid().equals(merchant.mchid())
                || !order.snapshot(clock.instant()).paid()) {
            throw WechatError.orderNotExist();
        }
        return order;
    }

    WechatTransaction byPrepayId(String prepayId) {
        WechatTransaction order = prepayId == null ? null : byPrepayId.get(prepayId);
        if (order == null) {
            throw WechatError.orderNotExist();
        }
        return order;
    }

    WechatTransaction.Snapshot snapshot(WechatTransaction order) {
        return order.snapshot(clock.instant());
    }

    WechatTransaction.Snapshot pay(WechatTransaction order, String openid) {
        Instant now = clock.instant();
        if (order.pay(now, openid)) {
            WechatTransaction.Snapshot paid = order.snapshot(now);
            notifier.paid(paid);
            return paid;
        }
        WechatTransaction.Snapshot current = order.snapshot(now);
        if (current.state() == TradeState.CLOSED) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "ORDER_CLOSED", "订单已关闭");
        }
        return current;
    }

    /**
     * A paid order cannot be closed. WeChat Pay's v3 close-order error table
     * (https://pay.weixin.qq.com/doc/v3/merchant/4012556398) gives a refusal for the order's state 400
     * (ORDER_CLOSED) and does not list ORDERPAID, which is API v2's code for this case: clients look for that code,
     * so it is kept, with the table's status for state refusals. docs/sandbox.md says the same.
     */
    void close(WechatTransaction order) {
        if (!order.close(clock.instant())) {
            TradeState state = order.snapshot(clock.instant()).state();
            if (state != TradeState.CLOSED) {
                throw new WechatError(HttpStatus.BAD_REQUEST, "ORDERPAID", "订单已支付，不能关闭");
            }
        }
    }

    /**
     * Accepts a refund (PROCESSING) and settles it to SUCCESS right after, with a notification: the API's answer
     * only means "accepted", as at WeChat Pay. Idempotent by out_refund_no.
     */
    WechatRefund refund(
            WechatTransaction order,
            String outRefundNo,
            long refundFen,
            long totalFen,
            String reason,
            String notifyUrl) {
        if (totalFen != order.totalFen()) {
            throw WechatError.invalidRequest("amount.total 与订单金额不一致");
        }
        var earlier = order.refund(outRefundNo);
        if (earlier.isPresent()) {
            if (earlier.get().refundFen() != refundFen) {
                throw WechatError.invalidRequest("同一退款单号的退款金额与之前请求不一致");
            }
            return earlier.get();
        }
        WechatTransaction claimed =
                byOutRefundNo.putIfAbsent(key(order.merchant().mchid(), outRefundNo), order);
        if (claimed != null && claimed != order) {
            throw WechatError.invalidRequest("退款单号已用于其他订单");
        }
        Instant now = clock.instant();
        WechatRefund refund =
                order.addRefund(now, "50" + Ids.dated(now, 19), outRefundNo, refundFen, reason, notifyUrl);
        scheduler.at(
                now,
                "settle refund " + outRefundNo,
                () -> order.settleRefund(outRefundNo, clock.instant())
                        .ifPresent(settled -> notifier.refunded(order, settled)));
        return refund;
    }

    record Found(WechatTransaction order, WechatRefund refund) {}

    Found refundOf(WechatMerchant merchant, String outRefundNo) {
        WechatTransaction order = byOutRefundNo.get(key(merchant.mchid(), outRefundNo));
        WechatRefund refund = order == null ? null : order.refund(outRefundNo).orElse(null);
        if (refund == null) {
            throw new WechatError(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", "退款单不存在");
        }
        return new Found(order, refund);
    }

    List<WechatTransaction.Snapshot> of(WechatMerchant merchant) {
        return byTransactionId.values().stream()
                .filter(order -> order.merchant().mchid().equals(merchant.mchid()))
                .map(this::snapshot)
                .toList();
    }

    LocalDate today() {
        return clock.instant().atZone(SandboxClock.CHINA).toLocalDate();
    }

    private static String key(String mchid, String number) {
        return mchid + "|" + number;
    }
}
