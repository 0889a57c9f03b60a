package io.tongbao.shared.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the row a page starts or ends at: its time and its id. Opaque outside (URL-safe base64 of both), so
 * that a bookmarked list URL carries it without escaping and nobody is tempted to build one by hand.
 */
public record Cursor(Instant at, String id) {

    private static final int MAX_ENCODED_LENGTH = 256;
    private static final char SEPARATOR = '|';
    /** Far inside what PostgreSQL's timestamptz holds, so that a forged cursor is refused here, not by the database. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public Cursor {
        if (id.isEmpty() || id.indexOf(SEPARATOR) >= 0 || id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a cursor's id is not empty and has no " + SEPARATOR + " nor NUL");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException("a cursor's time is one the database holds");
        }
    }

    public String encode() {
        byte[] keys = (at.toString() + SEPARATOR + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys);
    }

    /** Throws {@link IllegalArgumentException} unless {@code encoded} is what {@link #encode} makes. */
    public static Cursor decode(@Nullable String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("not a cursor");
        }
        String keys = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        int separator = keys.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            return new Cursor(Instant.parse(keys.substring(0, separator)), keys.substring(separator + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
