package io.tongbao.sandbox.cashier;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders the cashier and its result page. Plain HTML with every value escaped: the sandbox shows merchant-given
 * text (subjects, URLs) and must not become an injection vector on a shared demo machine.
 */
public final class CashierPage {

    /**
     * @param channelName "支付宝 Alipay" or "微信支付 WeChat Pay"
     * @param pageUrl     this page's own URL, shown as a QR code
     * @param payUrl      where the buttons post (action=pay|later|fail)
     */
    public record Order(
            String channelName,
            String merchant,
            String orderNo,
            String subject,
            String amountYuan,
            String status,
            boolean payable,
            String pageUrl,
            String payUrl) {}

    private CashierPage() {}

    public static String cashier(Order order, CashierLanguage language) {
        StringBuilder html = head(language, order.channelName());
        html.append("<dl>")
                .append(row(language.text("merchant"), order.merchant()))
                .append(row(language.text("order"), order.orderNo()))
                .append(row(language.text("subject"), order.subject()))
                .append(row(language.text("amount"), "¥ " + order.amountYuan()))
                .append(row(language.text("status"), order.status()))
                .append("</dl>");
        if (order.payable()) {
            html.append("<form method=\"post\" action=\"")
                    .append(e(order.payUrl()))
                    .append("\">")
                    .append("<input type=\"hidden\" name=\"lang\" value=\"")
                    .append(language.tag())
                    .append("\">")
                    .append(button("pay", language.text("pay")))
                    .append(button("later", language.text("payLater")))
                    .append(button("fail", language.text("fail")))
                    .append("</form>");
        }
        html.append("<p><img alt=\"QR\" src=\"")
                .append(e(qrImage(order.pageUrl())))
                .append("\"><br>")
                .append(e(language.text("scan")))
                .append("</p>")
                .append("<p><a href=\"?lang=")
                .append(language.other().tag())
                .append("\">")
                .append(e(language.text("other")))
                .append("</a></p>");
        return html.append("</body></html>").toString();
    }

    public static String result(
            String channelName, String messageKey, String detail, String returnUrl, CashierLanguage language) {
        StringBuilder html = head(language, channelName);
        html.append("<h2>").append(e(language.text(messageKey))).append("</h2>");
        if (detail != null) {
            html.append("<p>").append(e(detail)).append("</p>");
        }
        if (returnUrl != null) {
            html.append("<p><a id=\"return\" href=\"")
                    .append(e(returnUrl))
                    .append("\">")
                    .append(e(language.text("back")))
                    .append("</a></p>");
        }
        return html.append("</body></html>").toString();
    }

    public static String qrImage(String text) {
        // relative, so that it works under whatever context path a host mounts the sandbox
        return "../qr.png?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static StringBuilder head(CashierLanguage language, String channelName) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"")
                .append(language.tag())
                .append("\"><head>")
                .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>")
                .append(e(language.text("title")))
                .append("</title>")
                .append("<style>body{font-family:sans-serif;max-width:28em;margin:2em auto;padding:0 1em}")
                .append("dt{color:#666}dd{margin:0 0 .6em}button{margin:.3em .3em 0 0;padding:.5em 1em}</style>")
                .append("</head><body><h1>")
                .append(e(channelName))
                .append("</h1>");
    }

    private static String row(String label, String value) {
        return "<dt>" + e(label) + "</dt><dd>" + e(value == null ? "" : value) + "</dd>";
    }

    private static String button(String action, String label) {
        return "<button type=\"submit\" name=\"action\" value=\"" + action + "\">" + e(label) + "</button>";
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
