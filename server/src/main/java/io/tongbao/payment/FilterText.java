package io.tongbao.payment;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a console filter field holds, which may be anything typed into a URL: blank is no filter; a value that cannot
 * be an id or number of that kind makes the whole filter match nothing, rather than reach SQL (a NUL, which
 * PostgreSQL refuses, would make a 500).
 */
final class FilterText {

    /** A channel's trade number: Alipay's and WeChat Pay's are digits, the fakes' letters and dashes. */
    private static final Pattern CHANNEL_TRADE_NO = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    private static final Pattern KIND = Pattern.compile("[A-Z_]{1,64}");

    private FilterText() {}

    /** Null when blank, else stripped. */
    static @Nullable String optional(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static boolean isChannelTradeNo(String value) {
        return CHANNEL_TRADE_NO.matcher(value).matches();
    }

    static boolean isKind(String value) {
        return KIND.matcher(value).matches();
    }
}
