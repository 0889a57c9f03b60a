package io.tongbao.webhook.stream;

import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reading a streamed webhook body in tests. */
final class StreamMessages {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StreamMessages() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(String body) {
        return (Map<String, Object>) JSON.readValue(body, Map.class).get("data");
    }

    static String transferId(String body) {
        return (String) data(body).get("transfer_id");
    }
}
