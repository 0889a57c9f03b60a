package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.support.SandboxJson;
import java.util.Map;

/** The biz_content of one request, with Alipay's answers for missing or malformed fields. */
record BizContent(Map<String, Object> fields) {

    static BizContent parse(String json) {
        try {
            return new BizContent(SandboxJson.readObject(json));
        } catch (IllegalArgumentException e) {
            throw AlipayError.invalid("isv.invalid-parameter", "biz_content 不是合法的 JSON");
        }
    }

    String optional(String key) {
        Object value = fields.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    String required(String key) {
        String value = optional(key);
        if (value == null) {
            throw AlipayError.missing(key);
        }
        return value;
    }

    long amountFen(String key) {
        return Yuan.toFen(key, fields.get(key));
    }
}
