package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.web.ApiException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * {@code pay_way} as the merchant sends it. A name Tongbao does not know is refused naming the field and the ways
 * there are, instead of as an unreadable body; WeChat Pay's barcode is refused saying why it is absent.
 */
final class PayWayField extends StdScalarDeserializer<PayWay> {

    /**
     * WeChat Pay API v3 has no micropay for direct merchants (only API v2, with its own key and XML protocol), so
     * Tongbao has no such pay way: docs/sandbox.md, "Barcode (micropay): not supported".
     */
    private static final Set<String> WECHAT_BARCODE = Set.of("WECHAT_BARCODE", "WECHAT_MICROPAY");

    private static final String KNOWN =
            Arrays.stream(PayWay.values()).map(Enum::name).collect(Collectors.joining(", "));

    PayWayField() {
        super(PayWay.class);
    }

    @Override
    public PayWay deserialize(JsonParser parser, DeserializationContext context) {
        String name = parser.getValueAsString();
        if (name == null) {
            throw ApiException.invalid("pay_way", "must be a string, one of " + KNOWN);
        }
        if (WECHAT_BARCODE.contains(name)) {
            throw ApiException.rule(
                    "PAY_WAY_NOT_SUPPORTED",
                    "WeChat Pay barcode (micropay) is not supported: WeChat Pay "
                            + "API v3 has no micropay for direct merchants. Take payment codes with ALIPAY_BARCODE, or show a "
                            + "WECHAT_NATIVE QR code");
        }
        try {
            return PayWay.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("pay_way", "one of " + KNOWN);
        }
    }
}
