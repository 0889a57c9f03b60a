package io.tongbao.channel;

import io.tongbao.payment.spi.ChannelNotifications.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notification's body as the endpoints read it: at most {@link #MAX_BYTES}, strict UTF-8, and for Alipay's form at
 * most {@link #MAX_FORM_FIELDS} fields, each decoded strictly. The endpoints read the raw body themselves rather than
 * through the servlet container's parameters or Spring's body converters: those read any size, replace malformed
 * UTF-8 silently or fail with exceptions that would answer 500 (docs/payments.md). A real notification is a few KB and a
 * few dozen fields.
 */
public final class NotificationBodies {

    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_FORM_FIELDS = 200;

    private NotificationBodies() {}

    /** Why a body is not a notification; {@code reason} is MALFORMED or TOO_LARGE. */
    public static final class Unreadable extends Exception {

        private final Rejection reason;

        Unreadable(Rejection reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Rejection reason() {
            return reason;
        }
    }

    /** A body that is not a notification, for checks an endpoint makes of its own (a JSON notification's shape). */
    public static Unreadable malformed(String why) {
        return new Unreadable(Rejection.MALFORMED, why);
    }

    /**
     * Whether a notify URL's app id can be one of ours (ids are a prefix and letters, {@code app_…}): anything else is
     * answered as an unknown app without a lookup, so that a NUL or a kilobyte of path never reaches the database.
     */
    public static boolean isAppId(String appId) {
        return appId != null && appId.length() <= 64 && appId.matches("[A-Za-z0-9_-]+");
    }

    /** The raw body, refused unread when its declared length is over the limit. */
    public static byte[] read(HttpServletRequest request) throws Unreadable, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw new Unreadable(Rejection.TOO_LARGE, "body of " + request.getContentLengthLong() + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new Unreadable(Rejection.TOO_LARGE, "body over " + MAX_BYTES + " bytes");
            }
            return body;
        }
    }

    /** The body as text; malformed UTF-8 (or a NUL, which PostgreSQL refuses) is refused, never replaced. */
    public static String utf8(byte[] bytes) throws Unreadable {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable(Rejection.MALFORMED, "not UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            throw new Unreadable(Rejection.MALFORMED, "contains NUL");
        }
        return text;
    }

    /**
     * An {@code application/x-www-form-urlencoded} body: fields in order, {@code +} a space, every {@code %XX} a byte
     * of UTF-8. A malformed escape, malformed UTF-8, a NUL, a field named twice (which value was signed?) or more
     * than {@link #MAX_FORM_FIELDS} fields refuse the whole body.
     */
    public static Map<String, String> form(byte[] body) throws Unreadable {
        String text = utf8(body);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (fields.size() == MAX_FORM_FIELDS) {
                throw new Unreadable(Rejection.MALFORMED, "more than " + MAX_FORM_FIELDS + " fields");
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.isEmpty()) {
                throw new Unreadable(Rejection.MALFORMED, "a field without a name");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw new Unreadable(Rejection.MALFORMED, "field " + name + " given twice");
            }
        }
        return fields;
    }

    private static String decode(String encoded) throws Unreadable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? hex(encoded.charAt(i + 1)) : -1;
                int low = high < 0 ? -1 : hex(encoded.charAt(i + 2));
                if (low < 0) {
                    throw new Unreadable(Rejection.MALFORMED, "invalid percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // raw (unescaped) non-ASCII text: already checked to be UTF-8 as a whole
                int end = i + (Character.isHighSurrogate(c) && i + 1 < encoded.length() ? 2 : 1);
                bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return utf8(bytes.toByteArray());
    }

    /** An ASCII hex digit's value, else -1 ({@link Character#digit} would also take other scripts' digits). */
    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
