package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxProperties;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input to the sandbox's own control and onboarding endpoints. Limited to the sandbox's packages so that a
 * host's error handling stays its own; the channel gateways answer in their channel's error format themselves.
 */
@RestControllerAdvice(basePackages = "io.tongbao.sandbox")
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
// ahead of a host's catch-all advice, which would otherwise answer the sandbox's bad input as a 500
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ControlErrors {

    @ExceptionHandler({
        IllegalArgumentException.class,
        DateTimeParseException.class,
        HttpMessageNotReadableException.class
    })
    public ResponseEntity<String> badRequest(Exception e) {
        return SandboxJson.respond(
                HttpStatus.BAD_REQUEST, Map.of("code", "PARAM_ERROR", "message", String.valueOf(e.getMessage())));
    }
}
