package io.tongbao.console;

import io.tongbao.shared.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/** Console errors as console pages, in the user's language: never a stack trace, never another merchant's data. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "console/not-found";
    }

    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        HttpMessageNotReadableException.class
    })
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest() {
        return "console/bad-request";
    }

    /** A status some handler chose: its page, with that status. */
    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException refusal, HttpServletResponse response) {
        response.setStatus(refusal.getStatusCode().value());
        if (refusal.getStatusCode().value() == 404) {
            return "console/not-found";
        }
        return refusal.getStatusCode().is4xxClientError() ? "console/bad-request" : "console/failed";
    }

    /** Anything else is our fault: logged with the request id, shown as a page that gives the id and no detail. */
    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String failed(Exception failure, HttpServletRequest request, Model model) {
        String requestId = RequestIds.of(request);
        log.error(
                "console request {} {} failed (request {})",
                request.getMethod(),
                request.getRequestURI(),
                requestId,
                failure);
        model.addAttribute("requestId", requestId);
        return "console/failed";
    }
}
