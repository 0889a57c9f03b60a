package io.tongbao.sandbox.wechatpay;

import org.springframework.http.HttpStatus;

/** An error reply as WeChat Pay gives it: an HTTP status and {@code {"code":"…","message":"…"}}. */
final class WechatError extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    WechatError(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static WechatError param(String message) {
        return new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", message);
    }

    static WechatError signature(String message) {
        return new WechatError(HttpStatus.UNAUTHORIZED, "SIGN_ERROR", message);
    }

    static WechatError orderNotExist() {
        return new WechatError(HttpStatus.NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在");
    }

    static WechatError invalidRequest(String message) {
        return new WechatError(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
