package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.alipay.AlipayTrade.Origin;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.SandboxScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** All Alipay trades of the sandbox and the rules that move them. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayTrades {

    /** The cashier's default buyer, who pays when a test does not say who. */
    static final String DEFAULT_BUYER_ID = "2088102177846875";

    static final String DEFAULT_BUYER_LOGON_ID = "sandbox***@tongbao.test";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofDays(15);
    /** A precreated QR code is valid for two hours unless the merchant says otherwise. */
    private static final Duration QR_CODE_TIMEOUT = Duration.ofHours(2);

    private static final Duration CANCEL_WINDOW = Duration.ofHours(24);
    private static final Pattern TIMEOUT_EXPRESS = Pattern.compile("(\\d+)([mhdc])");

    private final Map<String, AlipayTrade> byTradeNo = new ConcurrentHashMap<>();
    private final Map<String, AlipayTrade> byOutTradeNo = new ConcurrentHashMap<>();
    private final SandboxClock clock;
    private final SandboxScheduler scheduler;
    private final AlipayNotifier notifier;
    private final SandboxProperties properties;

    AlipayTrades(
            SandboxClock clock, SandboxScheduler scheduler, AlipayNotifier notifier, SandboxProperties properties) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.notifier = notifier;
        this.properties = properties;
    }

    record Order(
            AlipayApp app,
            BizContent biz,
            Origin origin,
            SignType signType,
            String notifyUrl,
            String returnUrl,
            String buyerId) {}

    /**
     * Opens a trade, or returns the open one when the request repeats an earlier one (same out_trade_no and
     * amount), as Alipay does for a client that retries after a timeout.
     */
    AlipayTrade open(Order order) {
        BizContent biz = order.biz();
        String outTradeNo = biz.required("out_trade_no");
        long totalFen = biz.amountFen("total_amount");
        String subject = biz.required("subject");
        Instant now = clock.instant();
        Instant expiresAt = expiry(biz, order.origin(), now);
        AlipayTrade candidate = new AlipayTrade(
                order.app(),
                Ids.dated(now, 20),
                outTradeNo,
                totalFen,
                subject,
                order.origin(),
                order.signType(),
                order.notifyUrl(),
                order.returnUrl(),
                now,
                expiresAt,
                order.buyerId());
        AlipayTrade trade = byOutTradeNo.computeIfAbsent(key(order.app().appId(), outTradeNo), k -> candidate);
        if (trade != candidate) {
            return existing(trade, totalFen, now);
        }
        byTradeNo.put(trade.tradeNo(), trade);
        scheduler.at(expiresAt, "expire alipay " + trade.tradeNo(), () -> expire(trade));
        return trade;
    }

    private AlipayTrade existing(AlipayTrade trade, long totalFen, Instant now) {
        switch (trade.status(now)) {
            case TRADE_SUCCESS, TRADE_FINISHED -> throw AlipayError.business("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            case TRADE_CLOSED -> throw AlipayError.business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            case WAIT_BUYER_PAY -> {}
        }
        if (trade.totalFen() != totalFen) {
            throw AlipayError.business("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
        }
        return trade;
    }

    /** Finds a trade by trade_no or out_trade_no, as every query-like method does. */
    AlipayTrade find(AlipayApp app, BizContent biz) {
        String tradeNo = biz.optional("trade_no");
        String outTradeNo = biz.optional("out_trade_no");
        if (tradeNo == null && outTradeNo == null) {
            throw AlipayError.missing("out_trade_no");
        }
        AlipayTrade trade = tradeNo != null ? byTradeNo.get(tradeNo) : byOutTradeNo.get(key(app.appId(), outTradeNo));
        if (trade == null || !trade.app().appId().equals(app.appId()) || !trade.visible()) {
            throw AlipayError.business("ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        return trade;
    }

    AlipayTrade byTradeNo(String tradeNo) {
        AlipayTrade trade = tradeNo == null ? null : byTradeNo.get(tradeNo);
        if (trade == null) {
            throw AlipayError.business("ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        return trade;
    }

    Collection<AlipayTrade> all() {
        return List.copyOf(byTradeNo.values());
    }

    AlipayTrade.Snapshot snapshot(AlipayTrade trade) {
        return trade.snapshot(clock.instant());
    }

    /** The buyer pays. Paying twice is harmless; paying a closed trade is refused. */
    AlipayTrade.Snapshot pay(AlipayTrade trade, String buyerId, String buyerLogonId) {
        Instant now = clock.instant();
        if (trade.pay(now, buyerId, buyerLogonId)) {
            AlipayTrade.Snapshot paid = trade.snapshot(now);
            notifier.tradeChanged(paid);
            scheduler.at(now.plus(properties.refundWindow()), "finish alipay " + trade.tradeNo(), () -> finish(trade));
            return paid;
        }
        AlipayTrade.Snapshot current = trade.snapshot(now);
        if (current.status() == TradeStatus.TRADE_CLOSED) {
            throw AlipayError.business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
        }
        return current;
    }

    AlipayTrade.Snapshot close(AlipayTrade trade) {
        Instant now = clock.instant();
        if (!trade.close(now)) {
            throw AlipayError.business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        }
        AlipayTrade.Snapshot closed = trade.snapshot(now);
        notifier.tradeChanged(closed);
        return closed;
    }

    record CancelResult(AlipayTrade trade, String action) {}

    /** Undoes a barcode payment whose result the merchant could not learn: close if unpaid, refund if paid. */
    CancelResult cancel(AlipayTrade trade) {
        Instant now = clock.instant();
        if (trade.close(now)) {
            notifier.tradeChanged(trade.snapshot(now));
            return new CancelResult(trade, "close");
        }
        AlipayTrade.Snapshot current = trade.snapshot(now);
        return switch (current.status()) {
            case TRADE_CLOSED -> new CancelResult(trade, current.paid() ? "refund" : "close");
            case TRADE_FINISHED -> throw AlipayError.business("ACQ.TRADE_HAS_FINISHED", "交易已完结");
            case TRADE_SUCCESS -> {
                if (Duration.between(current.paidAt(), now).compareTo(CANCEL_WINDOW) > 0) {
                    throw AlipayError.business("ACQ.REASON_TRADE_BEEN_FREEZEN", "交易超过撤销时限，请使用退款");
                }
                refund(trade, "cancel-" + trade.tradeNo(), current.trade().totalFen() - current.refundedFen(), "撤销");
                yield new CancelResult(trade, "refund");
            }
            case WAIT_BUYER_PAY -> throw new IllegalStateException("an open trade closes above");
        };
    }

    record RefundResult(AlipayTrade.Snapshot snapshot, AlipayRefund refund, boolean fundChanged) {}

    /** Idempotent by out_request_no: a retry with the same number and amount returns the first refund. */
    RefundResult refund(AlipayTrade trade, String outRequestNo, long amountFen, String reason) {
        Instant now = clock.instant();
        var earlier = trade.refund(outRequestNo);
        if (earlier.isPresent()) {
            if (earlier.get().amountFen() != amountFen) {
                throw AlipayError.business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "同一退款请求号的退款金额不一致");
            }
            return new RefundResult(trade.snapshot(now), earlier.get(), false);
        }
        AlipayRefund refund = trade.addRefund(now, outRequestNo, amountFen, reason);
        AlipayTrade.Snapshot after = trade.snapshot(now);
        notifier.refunded(after, refund);
        return new RefundResult(after, refund, true);
    }

    List<AlipayTrade> paidOrRefundedOn(String appId, LocalDate day) {
        return all().stream()
                .filter(trade -> trade.app().appId().equals(appId))
                .filter(trade -> {
                    AlipayTrade.Snapshot snapshot = snapshot(trade);
                    return (snapshot.paid() && onDay(snapshot.paidAt(), day))
                            || snapshot.refunds().stream().anyMatch(refund -> onDay(refund.refundedAt(), day));
                })
                .toList();
    }

    private static boolean onDay(Instant instant, LocalDate day) {
        return instant.atZone(SandboxClock.CHINA).toLocalDate().equals(day);
    }

    private void expire(AlipayTrade trade) {
        AlipayTrade.Snapshot snapshot = trade.snapshot(clock.instant());
        if (snapshot.status() == TradeStatus.TRADE_CLOSED && !snapshot.paid() && snapshot.visible()) {
            notifier.tradeChanged(snapshot);
        }
    }

    private void finish(AlipayTrade trade) {
        if (trade.finish()) {
            notifier.tradeChanged(trade.snapshot(clock.instant()));
        }
    }

    private static Instant expiry(BizContent biz, Origin origin, Instant now) {
        String timeExpire = biz.optional("time_expire");
        if (timeExpire != null) {
            Instant at = AlipayTime.parse("time_expire", timeExpire);
            if (!at.isAfter(now)) {
                throw AlipayError.business("ACQ.INVALID_PARAMETER", "time_expire 已经过去");
            }
            return at;
        }
        String timeoutExpress = biz.optional("timeout_express");
        if (timeoutExpress != null) {
            Matcher matcher = TIMEOUT_EXPRESS.matcher(timeoutExpress);
            if (!matcher.matches()) {
                throw AlipayError.invalid("isv.invalid-parameter", "timeout_express 取值 1m～15d 或 1c: " + timeoutExpress);
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> now.plus(Duration.ofMinutes(amount));
                case "h" -> now.plus(Duration.ofHours(amount));
                case "d" -> now.plus(Duration.ofDays(amount));
                default ->
                    now.atZone(SandboxClock.CHINA)
                            .toLocalDate()
                            .plusDays(1)
                            .atStartOfDay(SandboxClock.CHINA)
                            .toInstant();
            };
        }
        return now.plus(origin == Origin.PRECREATE ? QR_CODE_TIMEOUT : DEFAULT_TIMEOUT);
    }

    private static String key(String appId, String outTradeNo) {
        return appId + "|" + outTradeNo;
    }
}
