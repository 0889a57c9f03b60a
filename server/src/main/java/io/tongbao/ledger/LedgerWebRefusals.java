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
        return switch (code.kind()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case ABSENT -> HttpStatus.NOT_FOUND;
            case STATE -> HttpStatus.CONFLICT;
            case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }
}
