package io.tongbao.sdk;

/**
 * Every failure the client reports. {@link #code()} is Tongbao's stable error code (see docs/api.md);
 * {@link #requestId()} is what to quote to the operator. The subclasses let callers catch by kind.
 */
public class TongbaoException extends RuntimeException {

    private final int httpStatus;
    private final String code;
    private final String requestId;

    public TongbaoException(int httpStatus, String code, String message, String requestId, Throwable cause) {
        super(code + ": " + message + (requestId == null ? "" : " (request_id " + requestId + ")"), cause);
        this.httpStatus = httpStatus;
        this.code = code;
        this.requestId = requestId;
    }

    /** HTTP status, or 0 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    static TongbaoException of(int status, String code, String message, String requestId) {
        return switch (status) {
            case 400 -> new InvalidRequest(code, message, requestId);
            case 401 -> new Authentication(code, message, requestId);
            case 403 -> new PermissionDenied(code, message, requestId);
            case 404 -> new NotFound(code, message, requestId);
            case 409 -> new Conflict(code, message, requestId);
            case 422 -> new BusinessRule(code, message, requestId);
            case 429 -> new RateLimited(code, message, requestId);
            default ->
                status >= 500
                        ? new ServerError(status, code, message, requestId)
                        : new TongbaoException(status, code, message, requestId, null);
        };
    }

    /** 400: a field is missing or malformed; the message names it. */
    public static final class InvalidRequest extends TongbaoException {
        InvalidRequest(String code, String message, String requestId) {
            super(400, code, message, requestId, null);
        }
    }

    /** 401: the signature, timestamp or nonce was refused. */
    public static final class Authentication extends TongbaoException {
        Authentication(String code, String message, String requestId) {
            super(401, code, message, requestId, null);
        }
    }

    /** 403: the merchant or app is suspended, or the call is not allowed for it. */
    public static final class PermissionDenied extends TongbaoException {
        PermissionDenied(String code, String message, String requestId) {
            super(403, code, message, requestId, null);
        }
    }

    /** 404: no such object for this merchant. */
    public static final class NotFound extends TongbaoException {
        NotFound(String code, String message, String requestId) {
            super(404, code, message, requestId, null);
        }
    }

    /** 409: a conflicting earlier request (idempotency key reuse, request in progress, duplicate number). */
    public static final class Conflict extends TongbaoException {
        Conflict(String code, String message, String requestId) {
            super(409, code, message, requestId, null);
        }
    }

    /** 422: the request is well formed but a business rule refuses it. */
    public static final class BusinessRule extends TongbaoException {
        BusinessRule(String code, String message, String requestId) {
            super(422, code, message, requestId, null);
        }
    }

    /** 429: the app's rate limit is exhausted; retry later with the same idempotency key. */
    public static final class RateLimited extends TongbaoException {
        RateLimited(String code, String message, String requestId) {
            super(429, code, message, requestId, null);
        }
    }

    /** 5xx: Tongbao failed; safe to retry with the same idempotency key. */
    public static final class ServerError extends TongbaoException {
        ServerError(int status, String code, String message, String requestId) {
            super(status, code, message, requestId, null);
        }
    }

    /** The response did not carry a valid Tongbao signature: treat its content as untrusted. */
    public static final class InvalidResponseSignature extends TongbaoException {
        InvalidResponseSignature(int status, String requestId) {
            super(status, "INVALID_RESPONSE_SIGNATURE", "the response signature did not verify", requestId, null);
        }
    }

    /** No response arrived (connection refused, timeout). Retry with the same idempotency key. */
    public static final class Transport extends TongbaoException {
        Transport(String message, Throwable cause) {
            super(0, "TRANSPORT_ERROR", message, null, cause);
        }
    }
}
