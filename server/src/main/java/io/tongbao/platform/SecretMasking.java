package io.tongbao.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks, at any depth of a JSON tree, every property whose name looks secret, and any text that carries a PEM
 * private key whatever its name: what the audit log stores of a change never holds a secret.
 */
final class SecretMasking {

    static final String MASK = "***";

    /** Matched against the name in lower case without separators: {@code hmac_secret}, {@code apiKey}, ... */
    private static final List<String> SECRET_NAMES = List.of(
            "secret",
            "password",
            "passwd",
            "passphrase",
            "privatekey",
            "keymaterial",
            "totp",
            "token",
            "apikey",
            "apiv3key",
            "credential");

    /** Facts about a secret that are not the secret: {@code hmac_secret_version}, {@code private_key_fingerprint}. */
    private static final List<String> SECRET_FACTS = List.of("version", "fingerprint");

    private SecretMasking() {}

    static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                property.setValue(
                        looksSecret(property.getKey())
                                ? JsonNodeFactory.instance.stringNode(MASK)
                                : mask(property.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i)));
            }
        } else if (node.isString() && node.stringValue().contains("PRIVATE KEY")) {
            return JsonNodeFactory.instance.stringNode(MASK);
        }
        return node;
    }

    static boolean looksSecret(String name) {
        String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_NAMES.stream().anyMatch(plain::contains)
                && SECRET_FACTS.stream().noneMatch(plain::endsWith);
    }
}
