package io.tongbao.shared.page;

import io.tongbao.shared.time.JdbcTime;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

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

    /**
     * This request, or the first page when the cursor's id is not one the list could have handed out (a forged
     * cursor, or another list's): the database would refuse it, and a URL never makes a 500.
     */
    public PageRequest firstPageUnlessCursorId(Predicate<String> possibleId) {
        return cursor == null || possibleId.test(cursor.id()) ? this : first(limit);
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

    /**
     * {@link #keysetCondition(String, String)} on an id column of another SQL type than text ({@code bigint}); the
     * cursor's id must be one of that type, see {@link #firstPageUnlessCursorId}.
     */
    public String keysetCondition(String atColumn, String idColumn, String idType) {
        if (cursor == null) {
            return "true";
        }
        String comparison = backward() ? ">" : "<";
        return "(" + atColumn + ", " + idColumn + ") " + comparison + " (:cursorAt, cast(:cursorId as " + idType + "))";
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

    /** Binds {@code :cursorAt} and {@code :cursorId} of the {@link #keysetCondition} and {@code :limit} to {@link #fetchSize}. */
    public StatementSpec bind(StatementSpec statement) {
        return statement
                .param("cursorAt", cursor == null ? null : JdbcTime.at(cursor.at()))
                .param("cursorId", cursor == null ? null : cursor.id())
                .param("limit", fetchSize());
    }
}
