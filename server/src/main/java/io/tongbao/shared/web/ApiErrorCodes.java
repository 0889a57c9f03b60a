package io.tongbao.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/** Lets the call log see which error code a request ended with, without parsing the body. */
public final class ApiErrorCodes {

    static final String ATTRIBUTE = ApiErrorCodes.class.getName();

    private ApiErrorCodes() {
    }

    public static void record(HttpServletRequest request, String code) {
        request.setAttribute(ATTRIBUTE, code);
    }

    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }
}
