package io.tongbao.shared.page;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Rows of a newest-first list, newest first, with the cursors for the older page ({@code next}) and the newer page
 * ({@code previous}); null where there is none.
 */
public record Page<T>(
        List<T> rows, @Nullable String next, @Nullable String previous) {

    public Page {
        rows = List.copyOf(rows);
    }

    /**
     * The page made of what a query read for {@code request}: up to {@link PageRequest#fetchSize} rows in
     * {@link PageRequest#order}. {@code keys} gives a row's cursor.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> keys) {
        boolean more = fetched.size() > request.limit();
        List<T> read = more ? fetched.subList(0, request.limit()) : fetched;
        if (read.isEmpty()) {
            return new Page<>(List.of(), null, null);
        }
        if (request.backward()) {
            List<T> rows = read.reversed();
            // there was a page after this one: the one whose cursor brought us here
            return new Page<>(rows, encode(keys, rows.getLast()), more ? encode(keys, rows.getFirst()) : null);
        }
        return new Page<>(
                read,
                more ? encode(keys, read.getLast()) : null,
                request.cursor() == null ? null : encode(keys, read.getFirst()));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(rows.stream().map(mapper).toList(), next, previous);
    }

    private static <T> String encode(Function<T, Cursor> keys, T row) {
        return keys.apply(row).encode();
    }
}
