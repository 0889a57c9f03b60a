package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.sdk.PaymentApi.Payment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The buyer, paying in the sandbox from exactly what Tongbao handed the merchant's client ({@code payment.action}):
 * submits the PC cashier form, follows the WAP link, scans a QR code, lets the Alipay app take an order string,
 * lets the WeChat client take JSAPI/APP parameters (checking the merchant's signature), confirms a barcode.
 */
final class SandboxBuyer {

    /** The sandbox cashier's default Alipay buyer. */
    static final String ALIPAY_BUYER_ID = "2088102177846875";

    static final String WECHAT_OPENID = "o_sandbox_buyer_openid";
    /** A payment code whose buyer must enter a password: paid after {@link Sandbox#PASSWORD_DELAY}. */
    static final String PASSWORD_AUTH_CODE = "281234567890121111";

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"");
    private static final Pattern HIDDEN_INPUT = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");
    private static final String ALIPAY_CASHIER = "/sandbox/cashier/alipay/";

    private final Sandbox sandbox;

    SandboxBuyer(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Pays now, the way a buyer of this pay way does. Returns the trade as the sandbox shows it after paying (app_id
     * or mchid, out_trade_no, amount, state), or null for a barcode, which the buyer confirms on the phone.
     */
    JsonNode pays(Payment payment) {
        Map<String, Object> data = payment.action().data();
        return switch (payment.payWay()) {
            case "ALIPAY_PC", "ALIPAY_WAP", "ALIPAY_QR", "ALIPAY_JSAPI" -> paysAlipayTrade(opensAlipayTrade(payment));
            case "ALIPAY_APP" -> {
                JsonNode result = sandbox.ok(
                        "POST", "/sandbox/alipay/buyer/app-pay", Map.of("order_string", data.get("order_string")));
                assertThat(result.get("resultStatus").asString()).isEqualTo("9000");
                yield result;
            }
            case "ALIPAY_BARCODE" -> {
                // the buyer types the password on the phone; the sandbox pays once that time has passed
                sandbox.advance(Sandbox.PASSWORD_DELAY.plusSeconds(1));
                yield null;
            }
            case "WECHAT_NATIVE" ->
                sandbox.ok("POST", "/sandbox/wechatpay/buyer/pay", Map.of("code_url", data.get("content")));
            case "WECHAT_H5" -> sandbox.ok("POST", "/sandbox/wechatpay/buyer/pay", Map.of("code_url", data.get("url")));
            case "WECHAT_JSAPI", "WECHAT_MINI", "WECHAT_APP" ->
                sandbox.ok("POST", "/sandbox/wechatpay/buyer/request-payment", data);
            default -> throw new IllegalArgumentException("no buyer for " + payment.payWay());
        };
    }

    /**
     * Makes the Alipay trade exist for the buyer without paying: opens the cashier form or link, or scans the QR
     * code. Returns Alipay's trade_no.
     */
    String opensAlipayTrade(Payment payment) {
        Map<String, Object> data = payment.action().data();
        return switch (payment.payWay()) {
            case "ALIPAY_PC" -> submitsCashierForm((String) data.get("html"));
            case "ALIPAY_WAP" ->
                cashierTradeNo(sandbox.send(HttpRequest.newBuilder(URI.create((String) data.get("url")))
                        .GET()));
            case "ALIPAY_QR" ->
                sandbox.ok("POST", "/sandbox/alipay/buyer/scan", Map.of("qr_code", data.get("content")))
                        .get("trade_no")
                        .asString();
            case "ALIPAY_JSAPI" -> (String) data.get("trade_no");
            default -> throw new IllegalArgumentException(payment.payWay() + " has no trade to open");
        };
    }

    JsonNode paysAlipayTrade(String tradeNo) {
        return sandbox.ok(
                "POST", "/sandbox/alipay/buyer/pay", Map.of("trade_no", tradeNo, "buyer_id", ALIPAY_BUYER_ID));
    }

    /** A buyer who tries to pay; the sandbox's answer (refusals are 4xx with the channel's code). */
    Sandbox.Reply triesToPayAlipayTrade(String tradeNo) {
        return sandbox.call("POST", "/sandbox/alipay/buyer/pay", Map.of("trade_no", tradeNo));
    }

    Sandbox.Reply triesToPayWechat(Payment payment) {
        return sandbox.call(
                "POST",
                "/sandbox/wechatpay/buyer/pay",
                Map.of("code_url", payment.action().data().get("content")));
    }

    /** What the browser does with alipay.trade.page.pay's auto-submitting form. */
    private String submitsCashierForm(String html) {
        Matcher action = FORM_ACTION.matcher(html);
        assertThat(action.find()).as("a form in " + html).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = HIDDEN_INPUT.matcher(html);
        while (input.find()) {
            fields.put(unescape(input.group(1)), unescape(input.group(2)));
        }
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return cashierTradeNo(sandbox.send(HttpRequest.newBuilder(URI.create(unescape(action.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** The gateway answers a page/wap payment with a redirect to the cashier of the trade it opened. */
    private static String cashierTradeNo(Sandbox.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(302);
        String location = reply.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains(ALIPAY_CASHIER);
        return location.substring(location.indexOf(ALIPAY_CASHIER) + ALIPAY_CASHIER.length())
                .split("[?#]")[0];
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
