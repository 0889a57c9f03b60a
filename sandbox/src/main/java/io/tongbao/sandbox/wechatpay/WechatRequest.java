package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.support.SandboxJson;
import java.net.URI;
import java.util.Map;

/** A request body with WeChat Pay's PARAM_ERROR for what is missing or malformed. */
record WechatRequest(Map<String, Object> fields) {

    static WechatRequest parse(String json) {
        try {
            return new WechatRequest(SandboxJson.readObject(json));
        } catch (IllegalArgumentException e) {
            throw WechatError.param("请求体不是合法的 JSON");
        }
    }

    String optional(String key) {
        Object value = fields.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    String required(String key) {
        String value = optional(key);
        if (value == null) {
            throw WechatError.param("缺少参数 " + key);
        }
        return value;
    }

    /** WeChat Pay wants an absolute http(s) URL for notify_url, without query parameters. */
    String httpUrl(String key) {
        String value = required(key);
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below like any other malformed URL
        }
        throw WechatError.param(key + " 应为不带参数的 http(s) 地址: " + value);
    }

    String requiredIn(String object, String key) {
        return nested(object).required(key);
    }

    long longIn(String object, String key) {
        Object value = nested(object).fields().get(key);
        if (!(value instanceof Number number) || number.longValue() != number.doubleValue()) {
            throw WechatError.param(object + "." + key + " 应为整数（单位：分）");
        }
        return number.longValue();
    }

    long amountTotal() {
        long total = longIn("amount", "total");
        if (total < 1) {
            throw WechatError.param("amount.total 至少为 1 分");
        }
        String currency = nested("amount").optional("currency");
        if (currency != null && !currency.equals("CNY")) {
            throw WechatError.param("境内支付只支持 CNY");
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private WechatRequest nested(String object) {
        Object value = fields.get(object);
        if (!(value instanceof Map<?, ?> map)) {
            throw WechatError.param("缺少参数 " + object);
        }
        return new WechatRequest((Map<String, Object>) map);
    }
}
