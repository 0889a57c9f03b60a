package io.tongbao.sandbox.support;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's own JSON mapper. A host application may configure its mapper differently (naming strategies,
 * inclusion rules); the channels' wire formats must not change with it, so the sandbox never uses the host's.
 */
public final class SandboxJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private SandboxJson() {}

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** An empty or blank body reads as an empty object; malformed JSON throws {@link IllegalArgumentException}. */
    public static Map<String, Object> readObject(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static ResponseEntity<String> ok(Object body) {
        return respond(HttpStatusCode.valueOf(200), body);
    }

    public static ResponseEntity<String> respond(HttpStatusCode status, Object body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(write(body));
    }
}
