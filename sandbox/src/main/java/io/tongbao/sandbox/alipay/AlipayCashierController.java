package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.cashier.CashierLanguage;
import io.tongbao.sandbox.cashier.CashierPage;
import io.tongbao.sandbox.support.BaseUrl;
import io.tongbao.sandbox.support.SandboxScheduler;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Alipay cashier a buyer reaches from a QR code or from page/wap pay. Opening it counts as scanning; paying
 * leads back to the merchant's return_url with Alipay's signed synchronous-return parameters.
 */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayCashierController {

    private static final String CHANNEL = "支付宝 Alipay";
    private static final Duration PAY_LATER = Duration.ofSeconds(30);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final AlipayTrades trades;
    private final SandboxScheduler scheduler;
    private final BaseUrl baseUrl;

    AlipayCashierController(AlipayTrades trades, SandboxScheduler scheduler, BaseUrl baseUrl) {
        this.trades = trades;
        this.scheduler = scheduler;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/sandbox/cashier/alipay/{tradeNo}")
    ResponseEntity<String> show(
            @PathVariable String tradeNo,
            @RequestParam(required = false) String lang,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
            HttpServletRequest request) {
        CashierLanguage language = CashierLanguage.choose(lang, acceptLanguage);
        AlipayTrade trade;
        try {
            trade = trades.byTradeNo(tradeNo);
        } catch (AlipayError error) {
            return html(CashierPage.result(CHANNEL, "refused", error.subMsg(), null, language));
        }
        trade.markScanned();
        AlipayTrade.Snapshot snapshot = trades.snapshot(trade);
        String page = baseUrl.of(request) + "/sandbox/cashier/alipay/" + tradeNo;
        return html(CashierPage.cashier(
                new CashierPage.Order(
                        CHANNEL,
                        trade.app().sellerId(),
                        trade.outTradeNo(),
                        trade.subject(),
                        Yuan.format(trade.totalFen()),
                        snapshot.status().name(),
                        snapshot.status() == TradeStatus.WAIT_BUYER_PAY,
                        page,
                        page),
                language));
    }

    @PostMapping("/sandbox/cashier/alipay/{tradeNo}")
    ResponseEntity<String> act(
            @PathVariable String tradeNo, @RequestParam String action, @RequestParam(required = false) String lang) {
        CashierLanguage language = CashierLanguage.choose(lang, null);
        try {
            AlipayTrade trade = trades.byTradeNo(tradeNo);
            return switch (action) {
                case "pay" -> {
                    AlipayTrade.Snapshot paid =
                            trades.pay(trade, AlipayTrades.DEFAULT_BUYER_ID, AlipayTrades.DEFAULT_BUYER_LOGON_ID);
                    yield html(CashierPage.result(
                            CHANNEL, "paid", "¥ " + Yuan.format(trade.totalFen()), returnUrl(paid), language));
                }
                case "later" -> {
                    scheduler.after(
                            PAY_LATER,
                            "cashier pays " + tradeNo,
                            () -> trades.pay(
                                    trade, AlipayTrades.DEFAULT_BUYER_ID, AlipayTrades.DEFAULT_BUYER_LOGON_ID));
                    yield html(CashierPage.result(CHANNEL, "scheduled", null, null, language));
                }
                default -> html(CashierPage.result(CHANNEL, "abandoned", null, trade.returnUrl(), language));
            };
        } catch (AlipayError error) {
            return html(CashierPage.result(CHANNEL, "refused", error.subMsg(), null, language));
        }
    }

    /** Alipay's synchronous return: the merchant's return_url with signed parameters (verify with rsaCheckV1). */
    private String returnUrl(AlipayTrade.Snapshot paid) {
        AlipayTrade trade = paid.trade();
        if (trade.returnUrl() == null || trade.returnUrl().isBlank()) {
            return null;
        }
        Map<String, String> params = new TreeMap<>();
        params.put("app_id", trade.app().appId());
        params.put("auth_app_id", trade.app().appId());
        params.put("charset", "utf-8");
        params.put("method", "alipay.trade.page.pay.return");
        params.put("out_trade_no", trade.outTradeNo());
        params.put("seller_id", trade.app().sellerId());
        params.put("timestamp", AlipayTime.format(paid.paidAt()));
        params.put("total_amount", Yuan.format(trade.totalFen()));
        params.put("trade_no", trade.tradeNo());
        params.put("version", "1.0");
        params.put("sign", trade.app().sign(trade.signType(), AlipaySigning.contentV1(params)));
        params.put("sign_type", trade.signType().name());
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return trade.returnUrl() + (trade.returnUrl().contains("?") ? "&" : "?") + query;
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }
}
