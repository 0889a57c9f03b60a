package io.tongbao.sandbox.wechatpay;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON objects WeChat Pay answers with, built from snapshots; field names are WeChat Pay's own. */
final class WechatViews {

    private WechatViews() {}

    static Map<String, Object> transaction(WechatTransaction.Snapshot snapshot) {
        WechatTransaction order = snapshot.transaction();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("appid", order.appid());
        view.put("mchid", order.merchant().mchid());
        view.put("out_trade_no", order.outTradeNo());
        if (snapshot.paid()) {
            view.put("transaction_id", order.transactionId());
            view.put("trade_type", order.tradeType().name());
            view.put("bank_type", "OTHERS");
            view.put("success_time", WechatTime.format(snapshot.successTime()));
            view.put("payer", Map.of("openid", snapshot.payerOpenid()));
        }
        view.put("trade_state", snapshot.state().name());
        view.put("trade_state_desc", snapshot.state().description());
        if (order.attach() != null) {
            view.put("attach", order.attach());
        }
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", order.totalFen());
        if (snapshot.paid()) {
            amount.put("payer_total", order.totalFen());
        }
        amount.put("currency", "CNY");
        amount.put("payer_currency", "CNY");
        view.put("amount", amount);
        return view;
    }

    static Map<String, Object> refund(WechatTransaction order, WechatRefund refund) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("refund_id", refund.refundId());
        view.put("out_refund_no", refund.outRefundNo());
        view.put("transaction_id", order.transactionId());
        view.put("out_trade_no", order.outTradeNo());
        view.put("channel", "ORIGINAL");
        view.put("user_received_account", "支付用户零钱");
        if (refund.successTime() != null) {
            view.put("success_time", WechatTime.format(refund.successTime()));
        }
        view.put("create_time", WechatTime.format(refund.createdAt()));
        view.put("status", refund.status());
        view.put("funds_account", "AVAILABLE");
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", order.totalFen());
        amount.put("refund", refund.refundFen());
        amount.put("payer_total", order.totalFen());
        amount.put("payer_refund", refund.refundFen());
        amount.put("settlement_refund", refund.refundFen());
        amount.put("settlement_total", order.totalFen());
        amount.put("discount_refund", 0L);
        amount.put("currency", "CNY");
        amount.put("refund_fee", 0L);
        view.put("amount", amount);
        return view;
    }

    static Map<String, Object> refundNotification(WechatTransaction order, WechatRefund refund) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mchid", order.merchant().mchid());
        view.put("out_trade_no", order.outTradeNo());
        view.put("transaction_id", order.transactionId());
        view.put("out_refund_no", refund.outRefundNo());
        view.put("refund_id", refund.refundId());
        view.put("refund_status", refund.status());
        view.put("success_time", WechatTime.format(refund.successTime()));
        view.put("user_received_account", "支付用户零钱");
        view.put(
                "amount",
                Map.of(
                        "total",
                        order.totalFen(),
                        "refund",
                        refund.refundFen(),
                        "payer_total",
                        order.totalFen(),
                        "payer_refund",
                        refund.refundFen()));
        return view;
    }
}
