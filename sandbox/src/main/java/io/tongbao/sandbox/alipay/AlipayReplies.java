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
 * inner object as they go out, with the app's own Alipay key and the sign type of the request (the SDK verifies
 * with its own configured type). A refusal before the request is authenticated (no or unknown app_id, a signature
 * that does not verify) carries no sign, as Alipay's gateway answers it: there is no app whose key could sign it.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayReplies {

    private static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);

    static Map<String, Object> success() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "10000");
        body.put("msg", "Success");
        return body;
    }

    ResponseEntity<String> reply(String method, AlipayApp app, SignType signType, Map<String, Object> inner) {
        return ResponseEntity.ok().contentType(JSON_UTF8).body(signed(root(method), app, signType, inner));
    }

    ResponseEntity<String> error(String method, AlipayApp app, SignType signType, AlipayError error) {
        return reply(method, app, signType, fields(error));
    }

    ResponseEntity<String> unauthenticated(String method, AlipayError error) {
        String body = "{\"" + root(method) + "\":" + SandboxJson.write(withoutNulls(fields(error))) + "}";
        return ResponseEntity.ok().contentType(JSON_UTF8).body(body);
    }

    String signed(String root, AlipayApp app, SignType signType, Map<String, Object> inner) {
        String innerJson = SandboxJson.write(withoutNulls(inner));
        String sign = app.sign(signType, innerJson);
        return "{\"" + root + "\":" + innerJson + ",\"sign\":\"" + sign + "\"}";
    }

    private static String root(String method) {
        return method == null || method.isBlank() ? "error_response" : method.replace('.', '_') + "_response";
    }

    private static Map<String, Object> fields(AlipayError error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", error.code());
        inner.put("msg", error.msg());
        inner.put("sub_code", error.subCode());
        inner.put("sub_msg", error.subMsg());
        return inner;
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
