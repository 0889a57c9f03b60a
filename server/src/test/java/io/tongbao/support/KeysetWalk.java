package io.tongbao.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Walks a keyset-paged list from its first page to its last by the next cursors, then back by the previous ones,
 * and checks that both ways see the same pages: what a console user clicking next and previous sees.
 */
public final class KeysetWalk {

    private KeysetWalk() {}

    /** Every row, in list order, once; the walk back has given the same pages in reverse. */
    public static <T> List<T> rows(Function<PageRequest, Page<T>> list, int limit) {
        List<Page<T>> forward = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(limit));
        forward.add(page);
        assertThat(page.previous()).as("the first page has no previous page").isNull();
        while (page.next() != null) {
            page = list.apply(PageRequest.of(page.next(), "next", limit));
            forward.add(page);
            assertThat(forward.size()).as("pages").isLessThan(1_000);
        }
        List<List<T>> backward = new ArrayList<>();
        backward.add(page.rows());
        while (page.previous() != null) {
            page = list.apply(PageRequest.of(page.previous(), "previous", limit));
            backward.add(page.rows());
        }
        Collections.reverse(backward);
        assertThat(backward).isEqualTo(forward.stream().map(Page::rows).toList());
        List<T> rows = forward.stream().flatMap(p -> p.rows().stream()).toList();
        assertThat(rows).doesNotHaveDuplicates();
        return rows;
    }
}
