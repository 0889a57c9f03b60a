package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.alipay.AlipayTrade.Origin;
import io.tongbao.sandbox.fault.FaultKind;
import io.tongbao.sandbox.fault.FaultRegistry;
import io.tongbao.sandbox.support.BaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /sandbox/alipay/gateway.do}: Alipay's OpenAPI gateway. System parameters come in the query string and
 * biz_content in the form body (the servlet merges both); page and wap payments arrive from a browser, by GET
 * link or auto-submitted form, and land on the cashier.
 */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayGatewayController {

    private final AlipayRequestVerifier verifier;
    private final AlipayMethods methods;
    private final AlipayTrades trades;
    private final AlipayReplies replies;
    private final FaultRegistry faults;
    private final BaseUrl baseUrl;

    AlipayGatewayController(
            AlipayRequestVerifier verifier,
            AlipayMethods methods,
            AlipayTrades trades,
            AlipayReplies replies,
            FaultRegistry faults,
            BaseUrl baseUrl) {
        this.verifier = verifier;
        this.methods = methods;
        this.trades = trades;
        this.replies = replies;
        this.faults = faults;
        this.baseUrl = baseUrl;
    }

    @RequestMapping(
            path = "/sandbox/alipay/gateway.do",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> gateway(HttpServletRequest request) throws InterruptedException {
        Map<String, String> params = singleValued(request.getParameterMap());
        String method = params.get("method");
        AlipayCall call = null;
        try {
            call = verifier.verify(params);
            Optional<ResponseEntity<String>> faulted = injectFault(call);
            if (faulted.isPresent()) {
                return faulted.get();
            }
            return switch (call.method()) {
                case "alipay.trade.page.pay", "alipay.trade.wap.pay" -> toCashier(call, request);
                default ->
                    replies.reply(method, call.app(), call.signType(), methods.handle(call, baseUrl.of(request)));
            };
        } catch (AlipayError error) {
            return call == null
                    ? replies.unauthenticated(method, error)
                    : replies.error(method, call.app(), call.signType(), error);
        }
    }

    /** The browser is sent on to the cashier, which shows the trade and lets the buyer pay. */
    private ResponseEntity<String> toCashier(AlipayCall call, HttpServletRequest request) {
        String productCode = call.biz().optional("product_code");
        String expected = call.method().endsWith("page.pay") ? "FAST_INSTANT_TRADE_PAY" : "QUICK_WAP_WAY";
        if (productCode != null && !productCode.equals(expected)) {
            throw AlipayError.invalid("isv.invalid-parameter", "product_code 应为 " + expected);
        }
        AlipayTrade trade = trades.open(AlipayMethods.order(call, Origin.PAGE, null));
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(baseUrl.of(request) + "/sandbox/cashier/alipay/" + trade.tradeNo()))
                .build();
    }

    private Optional<ResponseEntity<String>> injectFault(AlipayCall call) throws InterruptedException {
        String appId = call.app().appId();
        String outTradeNo = call.biz().optional("out_trade_no");
        if (faults.take(FaultKind.API_HTTP_5XX, appId, outTradeNo).isPresent()) {
            return Optional.of(
                    ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("Service Unavailable"));
        }
        Optional<Duration> hang =
                faults.take(FaultKind.API_TIMEOUT, appId, outTradeNo).map(rule -> rule.delay());
        if (hang.isPresent()) {
            // the fault exists to make the client's read timeout fire: holding this request thread is the point
            Thread.sleep(hang.get());
        }
        if (faults.take(FaultKind.API_SYSTEM_ERROR, appId, outTradeNo).isPresent()) {
            throw AlipayError.systemError();
        }
        return Optional.empty();
    }

    private static Map<String, String> singleValued(Map<String, String[]> parameters) {
        Map<String, String> params = new HashMap<>();
        parameters.forEach((key, values) -> {
            if (values.length > 0) {
                params.put(key, values[0]);
            }
        });
        return params;
    }
}
