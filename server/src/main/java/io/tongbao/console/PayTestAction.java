package io.tongbao.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the pay test result page shows of a pending payment's client action: a QR code (drawn as inline SVG), a
 * link the buyer's browser would follow, or the parameters an app or JSAPI client would take; and, when the sandbox
 * is mounted, the sandbox cashier where the test can be paid in a browser.
 */
record PayTestAction(
        String type,
        @Nullable String qrSvg,
        @Nullable String qrContent,
        @Nullable String link,
        @Nullable String cashierUrl,
        Map<String, String> parameters) {

    private static final String CASHIER = "/sandbox/cashier/";
    private static final int QR_PIXELS = 220;

    /** {@code type} as the payment module names the action's type ({@code QR_CODE}, {@code H5_URL}, ...). */
    static @Nullable PayTestAction of(@Nullable String type, Map<String, Object> data, boolean sandbox) {
        if (type == null) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        data.forEach((key, value) -> parameters.put(key, String.valueOf(value)));
        String qr = "QR_CODE".equals(type) ? parameters.get("content") : null;
        String link = "REDIRECT_URL".equals(type) || "H5_URL".equals(type) ? parameters.get("url") : null;
        return new PayTestAction(
                type,
                qr == null ? null : QrCodes.svg(qr, QR_PIXELS),
                qr,
                link,
                sandbox ? cashier(type, parameters, qr != null ? qr : link) : null,
                qr != null || link != null ? Map.of() : parameters);
    }

    /**
     * The sandbox cashier of the trade: the QR content or link itself where it leads there (the sandbox's codes and
     * H5 links are its cashier; a WAP link is redirected to it), else the cashier of the trade or prepay id the
     * parameters name. Null where the sandbox has no cashier for the way (app order strings, barcodes).
     */
    private static @Nullable String cashier(String type, Map<String, String> parameters, @Nullable String qrOrLink) {
        if (qrOrLink != null) {
            return qrOrLink;
        }
        String alipayTrade = parameters.get("trade_no");
        if ("JSAPI_PARAMS".equals(type) && alipayTrade != null) {
            return CASHIER + "alipay/" + alipayTrade;
        }
        String prepayId = parameters.get("prepayid");
        String wechatPackage = parameters.get("package");
        if (prepayId == null && wechatPackage != null && wechatPackage.startsWith("prepay_id=")) {
            prepayId = wechatPackage.substring("prepay_id=".length());
        }
        return prepayId == null ? null : CASHIER + "wechatpay/" + prepayId;
    }
}
