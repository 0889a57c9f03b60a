package io.tongbao.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/** Lets the call log see which error code a request ended with, without parsing the body. */
public final class ApiErrorCodes {

    static final String ATTRIBUTE = ApiErrorCodes.class.getName();

    /** 503: the database had no free connection within its wait; retried with the same key, the call applies once. */
    public static final String SERVICE_BUSY = "SERVICE_BUSY";

    public static final String SERVICE_BUSY_MESSAGE =
            "Tongbao is too busy to serve this call now; retry after Retry-After seconds with the same Idempotency-Key, which never applies a call twice";

    private ApiErrorCodes() {}

    public static void record(HttpServletRequest request, String code) {
        request.setAttribute(ATTRIBUTE, code);
    }

    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }
}
