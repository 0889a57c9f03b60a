package io.tongbao.console;

import io.tongbao.shared.page.Page;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The "older" and "newer" links of a list page: the same address with its filters, and the cursor and direction of
 * the page on that side; null where there is none.
 */
record PageLinks(@Nullable String next, @Nullable String previous) {

    static PageLinks of(Page<?> page, HttpServletRequest request) {
        return new PageLinks(link(request, page.next(), "next"), link(request, page.previous(), "previous"));
    }

    /** The link to the page at a cursor in a direction ("next" or "previous"); null without a cursor. */
    static @Nullable String at(HttpServletRequest request, @Nullable String cursor, String direction) {
        return link(request, cursor, direction);
    }

    private static @Nullable String link(HttpServletRequest request, @Nullable String cursor, String direction) {
        if (cursor == null) {
            return null;
        }
        return UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("lang")
                .replaceQueryParam("cursor", cursor)
                .replaceQueryParam("dir", direction)
                .build()
                .toUriString();
    }
}
