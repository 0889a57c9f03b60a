package io.tongbao.platform;

import java.time.Duration;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;

/** A login refused before its password was checked: answered with this status and code and a Retry-After. */
final class LoginRefused extends AuthenticationException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    LoginRefused(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** Never null: every refusal says why. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    static LoginRefused throttled(Duration wait) {
        return new LoginRefused(
                HttpStatus.TOO_MANY_REQUESTS,
                "LOGIN_THROTTLED",
                "too many failed logins for this user or from this address; retry after Retry-After seconds",
                wait);
    }

    static LoginRefused locked(Duration wait) {
        return new LoginRefused(
                HttpStatus.TOO_MANY_REQUESTS,
                "LOGIN_LOCKED",
                "this operator name is locked after repeated failed logins; retry after Retry-After seconds",
                wait);
    }

    static LoginRefused busy() {
        return new LoginRefused(
                HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_BUSY",
                "too many logins are being checked at once; retry after Retry-After seconds",
                Duration.ofSeconds(1));
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Whole seconds, at least 1. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
