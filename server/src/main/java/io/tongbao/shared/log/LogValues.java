package io.tongbao.shared.log;

import org.jspecify.annotations.Nullable;

/**
 * A value someone else sent (a request field, a header, a notification's text), made safe to write into a log line
 * or an operator's record: control characters are escaped, so a CR/LF cannot start a forged log line and an ANSI
 * escape cannot repaint a terminal; and the result is clipped, so a 1.5 MB field does not become a 1.5 MB line.
 * Every value from outside that reaches a log goes through {@link #safe(Object)}.
 */
public final class LogValues {

    /** Characters of escaped text kept before a value is clipped. */
    public static final int DEFAULT_MAX = 200;

    private LogValues() {}

    /** Escaped and clipped to {@link #DEFAULT_MAX}; {@code "null"} for null, as a log placeholder would print it. */
    public static String safe(@Nullable Object value) {
        return safe(value, DEFAULT_MAX);
    }

    /**
     * Escaped ({@code \r}, {@code \n}, {@code \t}, every other control, line-separator or bidirectional-override
     * character as {@code \\uXXXX}) and clipped: at most {@code max} characters of escaped text, then
     * {@code …(N more)} telling how many characters of the value were left out. A backslash is kept as it is, so
     * that escaping what was escaped already (a record's detail, then its log line) changes nothing.
     */
    public static String safe(@Nullable Object value, int max) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        while (i < text.length()) {
            if (out.length() >= max) {
                return out.append("…(")
                        .append(text.length() - i)
                        .append(" more)")
                        .toString();
            }
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            escape(c, out);
            i++;
        }
        return out.toString();
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            default -> {
                if (needsEscape(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL // C0, DEL, C1
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE // a lone half of a pair
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069'); // bidirectional overrides
    }
}
