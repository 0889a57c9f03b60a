package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.alipay.AlipayTrade.Origin;
import io.tongbao.sandbox.alipay.AlipayTrades.Order;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** The gateway's methods that answer with a JSON object: each takes an authenticated call and builds the reply. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayMethods {

    private final AlipayTrades trades;
    private final AlipayBarcodePayments barcodePayments;
    private final AlipayBills bills;

    AlipayMethods(AlipayTrades trades, AlipayBarcodePayments barcodePayments, AlipayBills bills) {
        this.trades = trades;
        this.barcodePayments = barcodePayments;
        this.bills = bills;
    }

    Map<String, Object> handle(AlipayCall call, String baseUrl) {
        return switch (call.method()) {
            case "alipay.trade.precreate" -> precreate(call, baseUrl);
            case "alipay.trade.create" -> create(call);
            case "alipay.trade.pay" -> barcode(call);
            case "alipay.trade.query" -> query(call);
            case "alipay.trade.close" -> close(call);
            case "alipay.trade.cancel" -> cancel(call);
            case "alipay.trade.refund" -> refund(call);
            case "alipay.trade.fastpay.refund.query" -> refundQuery(call);
            case "alipay.data.dataservice.bill.downloadurl.query" -> bills.downloadUrl(call, baseUrl);
            default -> throw AlipayError.invalid("isv.invalid-method", "不存在的方法名: " + call.method());
        };
    }

    static Order order(AlipayCall call, Origin origin, String buyerId) {
        return new Order(call.app(), call.biz(), origin, call.signType(), call.notifyUrl(), call.returnUrl(), buyerId);
    }

    private Map<String, Object> precreate(AlipayCall call, String baseUrl) {
        AlipayTrade trade = trades.open(order(call, Origin.PRECREATE, null));
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("out_trade_no", trade.outTradeNo());
        reply.put("qr_code", baseUrl + "/sandbox/cashier/alipay/" + trade.tradeNo());
        return reply;
    }

    private Map<String, Object> create(AlipayCall call) {
        String buyerId = call.biz().optional("buyer_id");
        String buyerOpenId = call.biz().optional("buyer_open_id");
        if (buyerId == null && buyerOpenId == null) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "buyer_id 与 buyer_open_id 不能同时为空");
        }
        AlipayTrade trade = trades.open(order(call, Origin.CREATE, buyerId != null ? buyerId : buyerOpenId));
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("out_trade_no", trade.outTradeNo());
        reply.put("trade_no", trade.tradeNo());
        return reply;
    }

    private Map<String, Object> barcode(AlipayCall call) {
        String scene = call.biz().required("scene");
        if (!"bar_code".equals(scene) && !"security_code".equals(scene)) {
            throw AlipayError.invalid("isv.invalid-parameter", "scene 取值 bar_code 或 security_code: " + scene);
        }
        AlipayBarcodePayments.BarcodeResult result = barcodePayments.pay(order(call, Origin.BARCODE, null));
        AlipayTrade.Snapshot snapshot = result.snapshot();
        AlipayTrade trade = snapshot.trade();
        Map<String, Object> reply = AlipayReplies.success();
        if (result.waitingForBuyer()) {
            reply.put("code", "10003");
            reply.put("msg", "order success pay inprocess");
        }
        reply.put("trade_no", trade.tradeNo());
        reply.put("out_trade_no", trade.outTradeNo());
        reply.put(
                "buyer_logon_id",
                result.waitingForBuyer() ? AlipayTrades.DEFAULT_BUYER_LOGON_ID : snapshot.buyerLogonId());
        reply.put("total_amount", Yuan.format(trade.totalFen()));
        if (!result.waitingForBuyer()) {
            paidAmounts(reply, snapshot);
            reply.put("gmt_payment", AlipayTime.format(snapshot.paidAt()));
            reply.put("buyer_user_id", snapshot.buyerId());
        }
        return reply;
    }

    private Map<String, Object> query(AlipayCall call) {
        AlipayTrade.Snapshot snapshot = trades.snapshot(trades.find(call.app(), call.biz()));
        AlipayTrade trade = snapshot.trade();
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("trade_no", trade.tradeNo());
        reply.put("out_trade_no", trade.outTradeNo());
        reply.put("buyer_logon_id", snapshot.buyerLogonId());
        reply.put("trade_status", snapshot.status().name());
        reply.put("total_amount", Yuan.format(trade.totalFen()));
        if (snapshot.paid()) {
            paidAmounts(reply, snapshot);
            reply.put("send_pay_date", AlipayTime.format(snapshot.paidAt()));
        }
        reply.put("buyer_user_id", snapshot.buyerId());
        reply.put("subject", trade.subject());
        return reply;
    }

    private Map<String, Object> close(AlipayCall call) {
        AlipayTrade trade = trades.find(call.app(), call.biz());
        trades.close(trade);
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("trade_no", trade.tradeNo());
        reply.put("out_trade_no", trade.outTradeNo());
        return reply;
    }

    private Map<String, Object> cancel(AlipayCall call) {
        AlipayTrades.CancelResult result = trades.cancel(trades.find(call.app(), call.biz()));
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("trade_no", result.trade().tradeNo());
        reply.put("out_trade_no", result.trade().outTradeNo());
        reply.put("retry_flag", "N");
        reply.put("action", result.action());
        return reply;
    }

    private Map<String, Object> refund(AlipayCall call) {
        AlipayTrade trade = trades.find(call.app(), call.biz());
        long amountFen = call.biz().amountFen("refund_amount");
        // without out_request_no Alipay treats the refund as "the" refund of the trade, keyed by out_trade_no
        String outRequestNo = call.biz().optional("out_request_no");
        AlipayTrades.RefundResult result = trades.refund(
                trade,
                outRequestNo != null ? outRequestNo : trade.outTradeNo(),
                amountFen,
                call.biz().optional("refund_reason"));
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("trade_no", trade.tradeNo());
        reply.put("out_trade_no", trade.outTradeNo());
        reply.put("buyer_logon_id", result.snapshot().buyerLogonId());
        reply.put("buyer_user_id", result.snapshot().buyerId());
        reply.put("fund_change", result.fundChanged() ? "Y" : "N");
        reply.put("refund_fee", Yuan.format(result.snapshot().refundedFen()));
        reply.put("gmt_refund_pay", AlipayTime.format(result.refund().refundedAt()));
        return reply;
    }

    /** An unknown out_request_no is not an error at Alipay: the reply is a success with no refund in it. */
    private Map<String, Object> refundQuery(AlipayCall call) {
        AlipayTrade trade = trades.find(call.app(), call.biz());
        String outRequestNo = call.biz().required("out_request_no");
        Map<String, Object> reply = AlipayReplies.success();
        trade.refund(outRequestNo).ifPresent(refund -> {
            reply.put("trade_no", trade.tradeNo());
            reply.put("out_trade_no", trade.outTradeNo());
            reply.put("out_request_no", refund.outRequestNo());
            reply.put("total_amount", Yuan.format(trade.totalFen()));
            reply.put("refund_amount", Yuan.format(refund.amountFen()));
            reply.put("refund_status", "REFUND_SUCCESS");
            reply.put("refund_reason", refund.reason());
            reply.put("gmt_refund_pay", AlipayTime.format(refund.refundedAt()));
        });
        return reply;
    }

    private static void paidAmounts(Map<String, Object> reply, AlipayTrade.Snapshot snapshot) {
        String paid = Yuan.format(snapshot.trade().totalFen());
        reply.put("receipt_amount", paid);
        reply.put("buyer_pay_amount", paid);
        reply.put("point_amount", "0.00");
        reply.put("invoice_amount", paid);
        reply.put("fund_bill_list", List.of(Map.of("fund_channel", "ALIPAYACCOUNT", "amount", paid)));
    }
}
