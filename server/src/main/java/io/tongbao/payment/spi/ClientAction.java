package io.tongbao.payment.spi;

import java.util.Map;

/**
 * Exactly what the merchant's client needs to let the buyer pay, by type:
 * {@code REDIRECT_FORM} (html), {@code REDIRECT_URL} (url), {@code QR_CODE} (content), {@code APP_ORDER_STRING}
 * (order_string), {@code APP_PARAMS} and {@code JSAPI_PARAMS} (the signed parameters), {@code H5_URL} (url),
 * {@code NONE} (barcode: the result is the payment's status).
 */
public record ClientAction(Type type, Map<String, Object> data) {

    public enum Type {
        REDIRECT_FORM,
        REDIRECT_URL,
        QR_CODE,
        APP_ORDER_STRING,
        APP_PARAMS,
        JSAPI_PARAMS,
        H5_URL,
        NONE
    }
}
