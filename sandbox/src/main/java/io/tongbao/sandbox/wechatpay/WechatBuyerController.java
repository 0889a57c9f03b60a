package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Rsa;
import io.tongbao.sandbox.support.SandboxJson;
import io.tongbao.sandbox.support.SandboxScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a WeChat user does, as an API: scan a Native code_url, open an H5 link, or let the WeChat client take the
 * JSAPI/APP payment parameters (checking the merchant's second signature) and pay.
 */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatBuyerController {

    private static final String CASHIER_PATH = "/sandbox/cashier/wechatpay/";

    private final WechatTransactions transactions;
    private final SandboxScheduler scheduler;

    WechatBuyerController(WechatTransactions transactions, SandboxScheduler scheduler) {
        this.transactions = transactions;
        this.scheduler = scheduler;
    }

    record Pay(String codeUrl, String prepayId, String openid, Long delaySeconds) {}

    record OrderView(
            String mchid, String appid, String outTradeNo, String description, long total, String tradeState) {}

    @PostMapping("/sandbox/wechatpay/buyer/pay")
    ResponseEntity<String> pay(@RequestBody String body) {
        Pay pay = SandboxJson.read(body, Pay.class);
        WechatTransaction order =
                transactions.byPrepayId(pay.prepayId() != null ? pay.prepayId() : prepayIdOf(pay.codeUrl()));
        String openid = pay.openid() != null ? pay.openid() : WechatTransactions.DEFAULT_OPENID;
        if (pay.delaySeconds() != null && pay.delaySeconds() > 0) {
            scheduler.after(
                    Duration.ofSeconds(pay.delaySeconds()),
                    "wechat buyer pays " + order.outTradeNo(),
                    () -> transactions.pay(order, openid));
            return SandboxJson.respond(HttpStatus.ACCEPTED, view(order));
        }
        transactions.pay(order, openid);
        return SandboxJson.ok(view(order));
    }

    /**
     * The WeChat client takes the parameters the merchant's page or app hands it, as wechatpay-java's
     * prepayWithRequestPayment makes them. JSAPI: appId, timeStamp, nonceStr, package ("prepay_id=…"), signType,
     * paySign over "appId\ntimeStamp\nnonceStr\npackage\n". APP: appid, partnerid, prepayid, package
     * ("Sign=WXPay"), noncestr, timestamp, sign over "appid\ntimestamp\nnoncestr\nprepayid\n".
     */
    @PostMapping("/sandbox/wechatpay/buyer/request-payment")
    ResponseEntity<String> requestPayment(@RequestBody String body) {
        Map<String, Object> params = SandboxJson.readObject(body);
        WechatTransaction order;
        String message;
        String signature;
        if (params.containsKey("paySign")) {
            String packageValue = text(params, "package");
            if (!packageValue.startsWith("prepay_id=")) {
                throw WechatError.param("package 应为 prepay_id=…");
            }
            order = transactions.byPrepayId(packageValue.substring("prepay_id=".length()));
            requireAppid(order, text(params, "appId"));
            message = text(params, "appId") + "\n" + text(params, "timeStamp") + "\n" + text(params, "nonceStr") + "\n"
                    + packageValue + "\n";
            signature = text(params, "paySign");
        } else {
            order = transactions.byPrepayId(text(params, "prepayid"));
            requireAppid(order, text(params, "appid"));
            message = text(params, "appid") + "\n" + text(params, "timestamp") + "\n" + text(params, "noncestr") + "\n"
                    + text(params, "prepayid") + "\n";
            signature = text(params, "sign");
        }
        if (!Rsa.verify(Rsa.SHA256, order.merchant().merchantPublicKey(), message, StandardCharsets.UTF_8, signature)) {
            throw WechatError.signature("调起支付的签名错误");
        }
        transactions.pay(order, WechatTransactions.DEFAULT_OPENID);
        return SandboxJson.ok(view(order));
    }

    private static String text(Map<String, Object> params, String key) {
        Object value = params.get(key);
        if (value == null) {
            throw WechatError.param("缺少参数 " + key);
        }
        return value.toString();
    }

    @ExceptionHandler(WechatError.class)
    ResponseEntity<String> refused(WechatError error) {
        return SandboxJson.respond(error.status(), Map.of("code", error.code(), "message", error.getMessage()));
    }

    private static void requireAppid(WechatTransaction order, String appid) {
        if (!order.appid().equals(appid)) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid 与下单时不一致");
        }
    }

    private static String prepayIdOf(String codeUrl) {
        int at = codeUrl == null ? -1 : codeUrl.indexOf(CASHIER_PATH);
        if (at < 0) {
            throw WechatError.param("not a sandbox WeChat Pay code_url or h5_url: " + codeUrl);
        }
        return codeUrl.substring(at + CASHIER_PATH.length());
    }

    private OrderView view(WechatTransaction order) {
        return new OrderView(
                order.merchant().mchid(),
                order.appid(),
                order.outTradeNo(),
                order.description(),
                order.totalFen(),
                transactions.snapshot(order).state().name());
    }
}
