package io.tongbao.shared.web;

import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A refusal the caller can act on. The code is stable and listed in docs/api.md; the message says what went
 * wrong in words and never carries a secret.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** Never null: every refusal says what went wrong. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 400 naming the field. */
    public static ApiException invalid(String field, String problem) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", field + ": " + problem);
    }

    /** 404, also for another tenant's object: its existence is never revealed. */
    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "no " + what + " " + id);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    /** 422: well formed, refused by a business rule. */
    public static ApiException rule(String code, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(HttpStatus.FORBIDDEN, code, message);
    }
}
