package io.tongbao.shared.page;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a newest-first list: the first one (no cursor), or the one after ({@link Direction#NEXT}, older
 * rows) or before ({@link Direction#PREVIOUS}, newer rows) a cursor a {@link Page} gave. The limit is kept within
 * 1 to {@value #MAX_LIMIT}.
 */
public record PageRequest(@Nullable Cursor cursor, Direction direction, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public enum Direction {
        /** Older rows than the cursor's. */
        NEXT,
        /** Newer rows than the cursor's. */
        PREVIOUS
    }

    public PageRequest {
        limit = Math.clamp(limit, 1, MAX_LIMIT);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, Direction.NEXT, limit);
    }

    /**
     * From a list URL's parameters, which may be anything: a cursor that does not decode is taken as none (the first
     * page), not refused, since a stale or mangled bookmark should still open the list; an unknown direction is
     * {@link Direction#NEXT}, a missing limit {@value #DEFAULT_LIMIT}.
     */
    public static PageRequest of(@Nullable String cursor, @Nullable String direction, @Nullable Integer limit) {
        Cursor decoded = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                decoded = Cursor.decode(cursor.strip());
            } catch (IllegalArgumentException malformed) {
                decoded = null;
            }
        }
        Direction way =
                direction != null && direction.strip().toUpperCase(Locale.ROOT).equals("PREVIOUS")
                        ? Direction.PREVIOUS
                        : Direction.NEXT;
        return new PageRequest(decoded, decoded == null ? Direction.NEXT : way, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** Whether this page is read towards newer rows (then in ascending order, and turned round by {@link Page}). */
    public boolean backward() {
        return cursor != null && direction == Direction.PREVIOUS;
    }

    /**
     * The SQL condition that keeps the rows past the cursor, on the given time and id columns; it names the
     * parameters {@code :cursorAt} and {@code :cursorId} when there is a cursor.
     */
    public String keysetCondition(String atColumn, String idColumn) {
        if (cursor == null) {
            return "true";
        }
        String comparison = backward() ? ">" : "<";
        return "(" + atColumn + ", " + idColumn + ") " + comparison + " (:cursorAt, :cursorId)";
    }

    /** The SQL order of the rows as read: newest first, or oldest first when reading {@link #backward}. */
    public String order(String atColumn, String idColumn) {
        String way = backward() ? "asc" : "desc";
        return atColumn + " " + way + ", " + idColumn + " " + way;
    }

    /** One row more than the limit: whether it comes back says whether there is more beyond. */
    public int fetchSize() {
        return limit + 1;
    }
}
