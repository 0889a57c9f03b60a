package io.tongbao.shared.page;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rows in list order, and the cursors of the next and previous pages ({@code null} when there is none). */
public record Page<T>(
        List<T> rows, @Nullable String next, @Nullable String previous) {

    public Page {
        rows = List.copyOf(rows);
    }
}
