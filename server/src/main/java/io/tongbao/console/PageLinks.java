package io.tongbao.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/** The "next" and "previous" links of a list: the same URL with its filters, at another cursor. */
final class PageLinks {

    private PageLinks() {}

    static @Nullable String at(HttpServletRequest request, @Nullable String cursor, String direction) {
        if (cursor == null) {
            return null;
        }
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(request.getRequestURI());
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!name.equals("cursor") && !name.equals("dir") && !name.equals("lang")) {
                url.queryParam(name, (Object[]) parameter.getValue());
            }
        }
        return url.queryParam("cursor", cursor)
                .queryParam("dir", direction)
                .encode()
                .build()
                .toUriString();
    }
}
