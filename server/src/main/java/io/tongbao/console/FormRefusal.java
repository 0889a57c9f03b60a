package io.tongbao.console;

import io.tongbao.shared.web.ApiException;
import java.util.Map;
import java.util.Set;

/**
 * A form a module's service refused, as the console shows it: the field it names and the message key of what that
 * field must hold ({@code apps.error.<field>}), in the user's language beside the field.
 */
record FormRefusal(String field, String key) {

    /** The fields whose message keys exist; any other refusal is shown as {@code apps.error.invalid}. */
    private static final Set<String> KNOWN = Set.of(
            "name",
            "sign_type",
            "notify_url",
            "merchant_public_key",
            "overlap_hours",
            "rates",
            "event_types",
            "retry_schedule",
            "channel_app_id",
            "app_private_key",
            "alipay_public_key",
            "gateway_url",
            "mchid",
            "app_ids",
            "merchant_private_key",
            "merchant_serial_no",
            "merchant_certificate",
            "api_v3_key",
            "mode",
            "wechatpay_public_key",
            "wechatpay_public_key_id",
            "base_url");

    /** {@code ApiException.invalid} says {@code "<field>: <problem>"}; a rule's refusal names no field. */
    static FormRefusal of(ApiException refused, String formField) {
        String message = refused.getMessage();
        int colon = message.indexOf(": ");
        String field =
                "INVALID_PARAMETER".equals(refused.code()) && colon > 0 ? message.substring(0, colon) : formField;
        String known = field.startsWith("rates.") ? "rates" : field;
        return new FormRefusal(field, KNOWN.contains(known) ? "apps.error." + known : "apps.error.invalid");
    }

    Map<String, String> asErrors() {
        return Map.of(field, key);
    }
}
