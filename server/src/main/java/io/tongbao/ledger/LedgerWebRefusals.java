package io.tongbao.ledger;

import io.tongbao.shared.web.ApiError;
import io.tongbao.shared.web.ApiErrorCodes;
import io.tongbao.shared.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where a ledger refusal becomes HTTP: its status by code, and the {@link ApiError} every API
 * answers with. Ordered before the application's catch-all handler, which would otherwise take the exception first.
 */
@RestControllerAdvice(assignableTypes = {LedgerController.class, LedgerOperatorController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class LedgerWebRefusals {

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ApiError> refused(LedgerException e, HttpServletRequest request) {
        LedgerRefusal refusal = e.refusal();
        String code = refusal.code().name();
        ApiErrorCodes.record(request, code);
        return ResponseEntity.status(status(refusal.code()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code, refusal.message(), RequestIds.of(request)));
    }

    /** 400 malformed, 404 absent (or another merchant's), 409 against the ledger's state, 422 against a rule. */
    static HttpStatus status(LedgerRefusal.Code code) {
        return switch (code) {
            case INVALID_PARAMETER -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case TRANSFER_ID_REUSED,
                    ALREADY_REVERSED,
                    HOLD_NOT_PENDING,
                    HOLD_EXPIRED,
                    HOLD_NOT_DUE,
                    POINT_TYPE_EXISTS,
                    REASON_EXISTS,
                    CONCURRENT_UPDATE -> HttpStatus.CONFLICT;
            case INSUFFICIENT_FUNDS,
                    DIFFERENT_POINT_TYPES,
                    ACCOUNT_CLOSED,
                    UNKNOWN_REASON,
                    REASON_NOT_ALLOWED,
                    UNKNOWN_ACCOUNT,
                    UNKNOWN_POINT_TYPE,
                    SAME_ACCOUNT,
                    POST_EXCEEDS_HOLD,
                    REVERSAL_EXCEEDS_ORIGINAL,
                    NOT_REVERSIBLE,
                    CONVERSION_TOO_SMALL,
                    AMOUNT_OVERFLOW,
                    ACCOUNT_NOT_EMPTY,
                    SYSTEM_ACCOUNT,
                    LINKED_TRANSFER_FAILED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }
}
