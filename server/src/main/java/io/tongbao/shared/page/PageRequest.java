package io.tongbao.shared.page;

import io.tongbao.shared.web.ApiException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A page to read: the rows after {@code cursor} in {@code direction} ({@link Direction#NEXT} goes on to older rows
 * in a newest-first list), at most {@code limit} of them; no cursor is the first page.
 */
public record PageRequest(@Nullable String cursor, Direction direction, int limit) {

    public static final int MAX_LIMIT = 200;

    public enum Direction {
        NEXT,
        PREVIOUS
    }

    public PageRequest {
        Objects.requireNonNull(direction, "direction");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "between 1 and " + MAX_LIMIT);
        }
    }

    /** The first page (the newest rows). */
    public static PageRequest first(int limit) {
        return new PageRequest(null, Direction.NEXT, limit);
    }

    public static PageRequest next(String cursor, int limit) {
        return new PageRequest(cursor, Direction.NEXT, limit);
    }

    public static PageRequest previous(String cursor, int limit) {
        return new PageRequest(cursor, Direction.PREVIOUS, limit);
    }
}
