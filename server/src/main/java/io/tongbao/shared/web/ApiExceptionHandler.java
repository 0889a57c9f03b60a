package io.tongbao.shared.web;

import io.tongbao.shared.log.LogValues;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/** Turns every failure into {@link ApiError}; a 500 never carries internals, only the request id. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e, HttpServletRequest request) {
        return error(e.status(), e.code(), e.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        FieldError field = e.getBindingResult().getFieldError();
        String message =
                field == null ? "request body is invalid" : field.getField() + ": " + field.getDefaultMessage();
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", message, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e, HttpServletRequest request) {
        String message = e.getParameterValidationResults().stream()
                .findFirst()
                .map(result -> result.getMethodParameter().getParameterName() + ": "
                        + result.getResolvableErrors().getFirst().getDefaultMessage())
                .orElse("a parameter is invalid");
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", message, request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", e.getParameterName() + ": is required", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return error(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                e.getName() + ": " + JsonFieldProblems.expectedInQuery(e.getRequiredType(), e.getName()),
                request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        // a field's own deserializer may refuse a value precisely (naming the field, or why a value is unsupported)
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused(refused, request);
            }
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return jsonRefusal(json, request);
            }
        }
        return error(HttpStatus.BAD_REQUEST, "INVALID_BODY", "request body is not valid JSON for this call", request);
    }

    /** Names the field by its JSON path and says which form it takes; a body that is not JSON at all is INVALID_BODY. */
    private static ResponseEntity<ApiError> jsonRefusal(JacksonException e, HttpServletRequest request) {
        String path = JsonFieldProblems.path(e);
        if (e instanceof StreamConstraintsException limit) {
            return JsonFieldProblems.isDocumentLength(limit)
                    ? error(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE", "the request body is too large", request)
                    : error(
                            HttpStatus.BAD_REQUEST,
                            "INVALID_BODY",
                            "request body exceeds a JSON limit (nesting depth, number or string length)",
                            request);
        }
        Optional<String> problem = JsonFieldProblems.problem(e, path);
        if (problem.isEmpty()) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_BODY",
                    "request body is not valid JSON" + JsonFieldProblems.where(e),
                    request);
        }
        if (path.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_BODY", "request body " + problem.get(), request);
        }
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", path + ": " + problem.get(), request);
    }

    /** Tomcat could not decode a query or form parameter (bad percent-encoding, not UTF-8). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> undecodableParameter(InvalidParameterException e, HttpServletRequest request) {
        return error(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                "a query or form parameter is not valid percent-encoded UTF-8",
                request);
    }

    /**
     * PostgreSQL refuses NUL in text (SQLSTATE 22021) and in jsonb (22P05). Strings in JSON bodies and query
     * parameters are refused earlier, naming the field; this covers what those checks cannot see (a value nested
     * in free-form metadata).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
                return error(
                        HttpStatus.BAD_REQUEST,
                        "INVALID_PARAMETER",
                        "a text value contains the NUL character (\\u0000), which cannot be stored",
                        request);
            }
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such path " + request.getRequestURI(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return error(
                HttpStatus.METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED",
                e.getMethod() + " is not allowed on " + request.getRequestURI(),
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "send application/json", request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "this API answers application/json only", request);
    }

    /** Every pooled connection stayed busy for the whole wait: nothing was done by this call, so it may be retried. */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    ResponseEntity<ApiError> busy(NestedRuntimeException e, HttpServletRequest request) {
        log.warn(
                "no database connection for {} {}: {}",
                LogValues.safe(request.getMethod()),
                LogValues.safe(request.getRequestURI()),
                e.getMessage());
        ApiErrorCodes.record(request, ApiErrorCodes.SERVICE_BUSY);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(
                        ApiErrorCodes.SERVICE_BUSY, ApiErrorCodes.SERVICE_BUSY_MESSAGE, RequestIds.of(request)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        log.error(
                "unexpected failure serving {} {}",
                LogValues.safe(request.getMethod()),
                LogValues.safe(request.getRequestURI()),
                e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "internal error; quote the request id to the operator",
                request);
    }

    private static ResponseEntity<ApiError> error(
            HttpStatus status, String code, String message, HttpServletRequest request) {
        ApiErrorCodes.record(request, code);
        // the content type set here is not negotiated: an error is JSON whatever the Accept header asked for
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code, message, RequestIds.of(request)));
    }
}
