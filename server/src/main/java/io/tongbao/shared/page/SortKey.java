package io.tongbao.shared.page;

import io.tongbao.shared.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a row sits in a newest-first list: its time, then its id for rows of the same time. {@link #encode()} is the
 * cursor a {@link Page} hands out; a cursor that does not decode is the caller's mistake (400), never a 500.
 */
public record SortKey(Instant at, String id) {

    private static final char SEPARATOR = '|';
    /** Far inside what PostgreSQL's timestamptz holds, so that a forged cursor is refused here, not by the database. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public String encode() {
        String keys = at + String.valueOf(SEPARATOR) + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getBytes(StandardCharsets.UTF_8));
    }

    public static SortKey decode(String cursor) {
        try {
            String keys = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = keys.indexOf(SEPARATOR);
            if (separator < 1 || separator == keys.length() - 1) {
                throw notACursor();
            }
            Instant at = Instant.parse(keys.substring(0, separator));
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw notACursor();
            }
            return new SortKey(at, keys.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw notACursor();
        }
    }

    static ApiException notACursor() {
        return ApiException.invalid("cursor", "is not a cursor of this list");
    }
}
