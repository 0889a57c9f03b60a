package io.tongbao.shared.id;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An out_trade_no: the merchant's own order number (unique per app), and the number a channel knows a trade by
 * (Tongbao's attempt id). Letters, digits and {@code _-*|}, at most 64: what both channels accept.
 */
public record OutTradeNo(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_\\-*|]{1,64}");

    public OutTradeNo {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an out_trade_no: " + value);
        }
    }

    public static OutTradeNo of(String value) {
        return new OutTradeNo(value);
    }

    public static boolean isValid(@Nullable String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
