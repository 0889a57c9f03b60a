package io.tongbao.shared.page;

import io.tongbao.shared.page.PageRequest.Direction;
import io.tongbao.shared.time.JdbcTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The SQL side of a {@link PageRequest} on a list ordered newest first by a time column and an id column: the
 * condition and order to put in the query, its parameters ({@code cursor_at}, {@code cursor_id}), and the page made
 * of what the query returned. The query fetches {@link #fetch()} rows, one more than the page, to know whether there
 * is a page beyond. Asking for the previous page reads the newer rows oldest first and turns them round.
 */
public final class Keyset {

    private final @Nullable SortKey cursor;
    private final Direction direction;
    private final int limit;

    public Keyset(PageRequest request) {
        this.cursor = request.cursor() == null ? null : SortKey.decode(request.cursor());
        // without a cursor there is nothing to go back from: it is the first page
        this.direction = cursor == null ? Direction.NEXT : request.direction();
        this.limit = request.limit();
    }

    /**
     * The condition on {@code (time, id)}; {@code idType} the SQL type of the id column ({@code text},
     * {@code bigint}).
     */
    public String condition(String timeColumn, String idColumn, String idType) {
        if (cursor == null) {
            return "true";
        }
        if (idType.equals("bigint") && !cursor.id().matches("-?[0-9]{1,18}")) {
            throw SortKey.notACursor();
        }
        return "(" + timeColumn + ", " + idColumn + ") " + (direction == Direction.NEXT ? "<" : ">")
                + " (:cursor_at, cast(:cursor_id as " + idType + "))";
    }

    public String orderBy(String timeColumn, String idColumn) {
        String way = direction == Direction.NEXT ? " desc" : " asc";
        return timeColumn + way + ", " + idColumn + way;
    }

    public StatementSpec bind(StatementSpec statement) {
        if (cursor == null) {
            return statement.param("limit", fetch());
        }
        return statement
                .param("cursor_at", JdbcTime.at(cursor.at()))
                .param("cursor_id", cursor.id())
                .param("limit", fetch());
    }

    /** How many rows the query asks for ({@code :limit} is bound to it). */
    public int fetch() {
        return limit + 1;
    }

    /** The page, newest first, of the rows the query returned in its order. */
    public <T> Page<T> page(List<T> fetched, Function<T, SortKey> keyOf) {
        boolean more = fetched.size() > limit;
        List<T> rows = new ArrayList<>(fetched.subList(0, Math.min(limit, fetched.size())));
        if (rows.isEmpty()) {
            return new Page<>(rows, null, null);
        }
        if (direction == Direction.PREVIOUS) {
            Collections.reverse(rows);
        }
        String first = keyOf.apply(rows.getFirst()).encode();
        String last = keyOf.apply(rows.getLast()).encode();
        return switch (direction) {
            case NEXT -> new Page<>(rows, more ? last : null, cursor == null ? null : first);
            case PREVIOUS -> new Page<>(rows, last, more ? first : null);
        };
    }
}
