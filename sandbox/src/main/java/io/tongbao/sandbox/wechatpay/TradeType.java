package io.tongbao.sandbox.wechatpay;

import org.springframework.http.HttpStatus;

/** The prepay endpoint a transaction came from; MWEB is WeChat Pay's name for H5. */
enum TradeType {
    JSAPI,
    APP,
    MWEB,
    NATIVE;

    static TradeType ofEndpoint(String endpoint) {
        return switch (endpoint) {
            case "jsapi" -> JSAPI;
            case "app" -> APP;
            case "h5" -> MWEB;
            case "native" -> NATIVE;
            default -> throw new WechatError(HttpStatus.NOT_FOUND, "NOT_FOUND", "不存在的下单接口: " + endpoint);
        };
    }
}
