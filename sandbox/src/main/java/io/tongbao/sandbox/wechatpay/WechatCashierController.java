package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.cashier.CashierLanguage;
import io.tongbao.sandbox.cashier.CashierPage;
import io.tongbao.sandbox.support.BaseUrl;
import io.tongbao.sandbox.support.SandboxScheduler;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The WeChat Pay cashier a buyer reaches from a Native code_url or an H5 h5_url. */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatCashierController {

    private static final String CHANNEL = "微信支付 WeChat Pay";
    private static final Duration PAY_LATER = Duration.ofSeconds(30);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final WechatTransactions transactions;
    private final SandboxScheduler scheduler;
    private final BaseUrl baseUrl;

    WechatCashierController(WechatTransactions transactions, SandboxScheduler scheduler, BaseUrl baseUrl) {
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/sandbox/cashier/wechatpay/{prepayId}")
    ResponseEntity<String> show(
            @PathVariable String prepayId,
            @RequestParam(required = false) String lang,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
            HttpServletRequest request) {
        CashierLanguage language = CashierLanguage.choose(lang, acceptLanguage);
        try {
            WechatTransaction order = transactions.byPrepayId(prepayId);
            TradeState state = transactions.snapshot(order).state();
            String page = baseUrl.of(request) + "/sandbox/cashier/wechatpay/" + prepayId;
            return html(CashierPage.cashier(
                    new CashierPage.Order(
                            CHANNEL,
                            order.merchant().mchid(),
                            order.outTradeNo(),
                            order.description(),
                            yuan(order.totalFen()),
                            state.name(),
                            state == TradeState.NOTPAY,
                            page,
                            page),
                    language));
        } catch (WechatError error) {
            return html(CashierPage.result(CHANNEL, "refused", error.getMessage(), null, language));
        }
    }

    @PostMapping("/sandbox/cashier/wechatpay/{prepayId}")
    ResponseEntity<String> act(
            @PathVariable String prepayId, @RequestParam String action, @RequestParam(required = false) String lang) {
        CashierLanguage language = CashierLanguage.choose(lang, null);
        try {
            WechatTransaction order = transactions.byPrepayId(prepayId);
            return switch (action) {
                case "pay" -> {
                    transactions.pay(order, WechatTransactions.DEFAULT_OPENID);
                    yield html(CashierPage.result(CHANNEL, "paid", "¥ " + yuan(order.totalFen()), null, language));
                }
                case "later" -> {
                    scheduler.after(
                            PAY_LATER,
                            "cashier pays " + order.outTradeNo(),
                            () -> transactions.pay(order, WechatTransactions.DEFAULT_OPENID));
                    yield html(CashierPage.result(CHANNEL, "scheduled", null, null, language));
                }
                default -> html(CashierPage.result(CHANNEL, "abandoned", null, null, language));
            };
        } catch (WechatError error) {
            return html(CashierPage.result(CHANNEL, "refused", error.getMessage(), null, language));
        }
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }
}
