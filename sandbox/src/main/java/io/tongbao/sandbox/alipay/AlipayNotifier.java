package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.NotificationDispatcher;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Turns trade events into trade_status_sync notifications to the trade's notify_url. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayNotifier {

    private final NotificationDispatcher dispatcher;

    AlipayNotifier(NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void tradeChanged(AlipayTrade.Snapshot snapshot) {
        send(snapshot, params(snapshot));
    }

    void refunded(AlipayTrade.Snapshot snapshot, AlipayRefund refund) {
        Map<String, String> params = params(snapshot);
        params.put("out_biz_no", refund.outRequestNo());
        params.put("refund_fee", Yuan.format(snapshot.refundedFen()));
        params.put("gmt_refund", AlipayTime.format(refund.refundedAt()) + ".000");
        send(snapshot, params);
    }

    private void send(AlipayTrade.Snapshot snapshot, Map<String, String> params) {
        AlipayTrade trade = snapshot.trade();
        URI target = notifyTarget(trade.notifyUrl());
        if (target == null) {
            return;
        }
        SignType signType = trade.signType();
        dispatcher.dispatch(new AlipayNotification(
                params.get("notify_id"),
                trade.app().appId(),
                trade.outTradeNo(),
                target,
                AlipayNotification.withoutEmpty(params),
                signType,
                content -> trade.app().sign(signType, content)));
    }

    private static Map<String, String> params(AlipayTrade.Snapshot snapshot) {
        AlipayTrade trade = snapshot.trade();
        String paid = snapshot.paid() ? Yuan.format(trade.totalFen()) : null;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("notify_type", "trade_status_sync");
        params.put("notify_id", Ids.hex(16));
        params.put("charset", "utf-8");
        params.put("version", "1.0");
        params.put("app_id", trade.app().appId());
        params.put("auth_app_id", trade.app().appId());
        params.put("seller_id", trade.app().sellerId());
        params.put("trade_no", trade.tradeNo());
        params.put("out_trade_no", trade.outTradeNo());
        params.put("trade_status", snapshot.status().name());
        params.put("subject", trade.subject());
        params.put("total_amount", Yuan.format(trade.totalFen()));
        params.put("receipt_amount", paid);
        params.put("invoice_amount", paid);
        params.put("buyer_pay_amount", paid);
        params.put("point_amount", snapshot.paid() ? "0.00" : null);
        params.put("buyer_id", snapshot.buyerId());
        params.put("buyer_logon_id", snapshot.buyerLogonId());
        params.put("gmt_create", AlipayTime.format(trade.createdAt()));
        params.put("gmt_payment", AlipayTime.format(snapshot.paidAt()));
        params.put("gmt_close", AlipayTime.format(snapshot.closedAt()));
        if (snapshot.paid()) {
            params.put("fund_bill_list", "[{\"amount\":\"" + paid + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        }
        return params;
    }

    private static URI notifyTarget(String notifyUrl) {
        if (notifyUrl == null || notifyUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(notifyUrl);
            return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? uri : null;
        } catch (IllegalArgumentException e) {
            // Alipay accepts the order and simply cannot deliver to a malformed notify_url
            return null;
        }
    }
}
