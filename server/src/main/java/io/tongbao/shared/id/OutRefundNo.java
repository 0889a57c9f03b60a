package io.tongbao.shared.id;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An out_refund_no: the merchant's own refund number (unique per app), and the number a channel knows a refund by
 * (Tongbao's refund id). Letters, digits and {@code _-*@|}, at most 64: what both channels accept.
 */
public record OutRefundNo(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_\\-*@|]{1,64}");

    public OutRefundNo {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an out_refund_no: " + value);
        }
    }

    public static OutRefundNo of(String value) {
        return new OutRefundNo(value);
    }

    public static boolean isValid(@Nullable String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
