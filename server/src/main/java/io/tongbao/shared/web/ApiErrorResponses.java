package io.tongbao.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes an {@link ApiError} straight to the servlet response, for refusals made outside Spring MVC (servlet
 * filters, the security firewall, the container's error report) where no exception handler is in reach.
 */
final class ApiErrorResponses {

    private ApiErrorResponses() {}

    static void write(
            ObjectMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String code,
            String message)
            throws IOException {
        ApiErrorCodes.record(request, code);
        String requestId = RequestIds.of(request);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setHeader(RequestIds.HEADER, requestId);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = json.writeValueAsBytes(new ApiError(code, message, requestId));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The code a bare HTTP status stands for, when nothing more precise is known (the container refused it). */
    static String codeFor(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            // Tomcat's answers to a Transfer-Encoding or an HTTP version it does not implement (RFC 9112): the
            // request's fault, not an internal error
            case 501 -> "NOT_IMPLEMENTED";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_REQUEST";
        };
    }

    static String messageFor(int status) {
        return switch (status) {
            case 401 -> "authentication required";
            case 403 -> "not allowed";
            case 404 -> "no such path";
            case 405 -> "method not allowed on this path";
            case 413 -> "the request is too large";
            case 415 -> "send application/json";
            case 501 -> "a transfer coding this server does not implement; send chunked or a Content-Length";
            case 505 -> "an HTTP version this server does not support; send HTTP/1.1";
            default ->
                status >= 500
                        ? "internal error; quote the request id to the operator"
                        : "the request is malformed (URL, headers or encoding); see docs/api.md";
        };
    }
}
