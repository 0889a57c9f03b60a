package io.tongbao.sandbox.wechatpay;

import com.wechat.pay.java.core.notification.RequestParam;
import io.tongbao.sandbox.NotificationInbox;
import java.util.Map;

/** Turns what the inbox received into what wechatpay-java's NotificationParser takes. */
final class WechatNotifications {

    private WechatNotifications() {}

    static RequestParam asRequestParam(NotificationInbox.Received received) {
        return new RequestParam.Builder()
                .serialNumber(header(received.headers(), "Wechatpay-Serial"))
                .nonce(header(received.headers(), "Wechatpay-Nonce"))
                .signature(header(received.headers(), "Wechatpay-Signature"))
                .timestamp(header(received.headers(), "Wechatpay-Timestamp"))
                .signType(header(received.headers(), "Wechatpay-Signature-Type"))
                .body(received.body())
                .build();
    }

    /** Servlet containers may present header names in any case; HTTP header names are case-insensitive. */
    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
