package io.tongbao.shared.web;

import io.tongbao.shared.id.Ids;
import jakarta.servlet.http.HttpServletRequest;

/** The id of the request being served: in the response header, in every error body and in every log line (MDC). */
public final class RequestIds {

    public static final String HEADER = "Tongbao-Request-Id";
    public static final String MDC_KEY = "request_id";
    static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {}

    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = Ids.next("req");
            request.setAttribute(ATTRIBUTE, id);
        }
        return (String) id;
    }
}
