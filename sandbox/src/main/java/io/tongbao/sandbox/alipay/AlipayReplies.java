package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.SandboxJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes gateway replies: {@code {"<method>_response":{...},"sign":"..."}}, signed over the exact characters of the
 * inner object as they go out, with the sign type of the request (the SDK verifies with its own configured type).
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayReplies {

    private static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);

    private final AlipayKeys keys;

    AlipayReplies(AlipayKeys keys) {
        this.keys = keys;
    }

    static Map<String, Object> success() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "10000");
        body.put("msg", "Success");
        return body;
    }

    ResponseEntity<String> reply(String method, SignType signType, Map<String, Object> inner) {
        String root = method == null || method.isBlank() ? "error_response" : method.replace('.', '_') + "_response";
        return ResponseEntity.ok().contentType(JSON_UTF8).body(signed(root, signType, inner));
    }

    ResponseEntity<String> error(String method, SignType signType, AlipayError error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", error.code());
        inner.put("msg", error.msg());
        inner.put("sub_code", error.subCode());
        inner.put("sub_msg", error.subMsg());
        return reply(method, signType, inner);
    }

    String signed(String root, SignType signType, Map<String, Object> inner) {
        String innerJson = SandboxJson.write(withoutNulls(inner));
        String sign = keys.sign(signType, innerJson, StandardCharsets.UTF_8);
        return "{\"" + root + "\":" + innerJson + ",\"sign\":\"" + sign + "\"}";
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> inner) {
        Map<String, Object> kept = new LinkedHashMap<>();
        inner.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
