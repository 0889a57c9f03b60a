package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.alipay.AlipayTrade.Origin;
import io.tongbao.sandbox.support.SandboxJson;
import io.tongbao.sandbox.support.SandboxScheduler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a buyer does, as an API for tests and scripts: scan a QR code, pay a trade (now or after a delay), confirm
 * an APP order string as the Alipay app would, fetch a statement file.
 */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayBuyerController {

    private static final String QR_CODE_PATH = "/sandbox/cashier/alipay/";

    private final AlipayTrades trades;
    private final AlipayRequestVerifier verifier;
    private final AlipayReplies replies;
    private final AlipayBills bills;
    private final SandboxScheduler scheduler;

    AlipayBuyerController(
            AlipayTrades trades,
            AlipayRequestVerifier verifier,
            AlipayReplies replies,
            AlipayBills bills,
            SandboxScheduler scheduler) {
        this.trades = trades;
        this.verifier = verifier;
        this.replies = replies;
        this.bills = bills;
        this.scheduler = scheduler;
    }

    record Scan(String qrCode) {}

    record Pay(String tradeNo, String buyerId, Long delaySeconds) {}

    record AppOrder(String orderString) {}

    record TradeView(
            String tradeNo,
            String outTradeNo,
            String appId,
            String totalAmount,
            String subject,
            String tradeStatus,
            String returnUrl) {}

    @PostMapping("/sandbox/alipay/buyer/scan")
    ResponseEntity<String> scan(@RequestBody String body) {
        String qrCode = SandboxJson.read(body, Scan.class).qrCode();
        int at = qrCode == null ? -1 : qrCode.indexOf(QR_CODE_PATH);
        if (at < 0) {
            throw new IllegalArgumentException("not a sandbox Alipay QR code: " + qrCode);
        }
        AlipayTrade trade = trades.byTradeNo(qrCode.substring(at + QR_CODE_PATH.length()));
        trade.markScanned();
        return SandboxJson.ok(view(trade));
    }

    @PostMapping("/sandbox/alipay/buyer/pay")
    ResponseEntity<String> pay(@RequestBody String body) {
        Pay pay = SandboxJson.read(body, Pay.class);
        AlipayTrade trade = trades.byTradeNo(pay.tradeNo());
        trade.markScanned();
        String buyerId = pay.buyerId() != null ? pay.buyerId() : AlipayTrades.DEFAULT_BUYER_ID;
        if (pay.delaySeconds() != null && pay.delaySeconds() > 0) {
            scheduler.after(
                    Duration.ofSeconds(pay.delaySeconds()),
                    "buyer pays " + trade.tradeNo(),
                    () -> trades.pay(trade, buyerId, AlipayTrades.DEFAULT_BUYER_LOGON_ID));
            return SandboxJson.respond(HttpStatus.ACCEPTED, view(trade));
        }
        trades.pay(trade, buyerId, AlipayTrades.DEFAULT_BUYER_LOGON_ID);
        return SandboxJson.ok(view(trade));
    }

    /**
     * The Alipay app receives the order string from the merchant's app, checks the merchant's signature, and the
     * buyer pays. The answer has the app SDK's shape: resultStatus 9000 and the signed result.
     */
    @PostMapping("/sandbox/alipay/buyer/app-pay")
    ResponseEntity<String> appPay(@RequestBody String body) {
        String orderString = SandboxJson.read(body, AppOrder.class).orderString();
        if (orderString == null || orderString.isBlank()) {
            throw new IllegalArgumentException("order_string is required: what AlipayClient.sdkExecute returned");
        }
        AlipayCall call = verifier.verify(parseQuery(orderString));
        if (!"alipay.trade.app.pay".equals(call.method())) {
            throw AlipayError.invalid("isv.invalid-method", "APP 支付的 method 应为 alipay.trade.app.pay");
        }
        AlipayTrade trade = trades.open(AlipayMethods.order(call, Origin.APP, null));
        AlipayTrade.Snapshot paid =
                trades.pay(trade, AlipayTrades.DEFAULT_BUYER_ID, AlipayTrades.DEFAULT_BUYER_LOGON_ID);
        Map<String, Object> inner = AlipayReplies.success();
        inner.put("app_id", call.app().appId());
        inner.put("auth_app_id", call.app().appId());
        inner.put("charset", "utf-8");
        inner.put("timestamp", AlipayTime.format(paid.paidAt()));
        inner.put("out_trade_no", trade.outTradeNo());
        inner.put("trade_no", trade.tradeNo());
        inner.put("seller_id", call.app().sellerId());
        inner.put("total_amount", Yuan.format(trade.totalFen()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resultStatus", "9000");
        result.put("memo", "");
        result.put("result", replies.signed("alipay_trade_app_pay_response", call.app(), call.signType(), inner));
        return SandboxJson.ok(result);
    }

    @GetMapping("/sandbox/alipay/bills/{token}.csv.zip")
    ResponseEntity<byte[]> bill(@PathVariable String token) {
        return bills.download(token)
                .map(zip -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("application/zip"))
                        .header("Content-Disposition", "attachment; filename=\"" + token + ".csv.zip\"")
                        .body(zip))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    @ExceptionHandler(AlipayError.class)
    ResponseEntity<String> refused(AlipayError error) {
        HttpStatus status = "ACQ.TRADE_NOT_EXIST".equals(error.subCode()) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return SandboxJson.respond(status, Map.of("code", error.subCode(), "message", error.subMsg()));
    }

    private TradeView view(AlipayTrade trade) {
        AlipayTrade.Snapshot snapshot = trades.snapshot(trade);
        return new TradeView(
                trade.tradeNo(),
                trade.outTradeNo(),
                trade.app().appId(),
                Yuan.format(trade.totalFen()),
                trade.subject(),
                snapshot.status().name(),
                trade.returnUrl());
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
