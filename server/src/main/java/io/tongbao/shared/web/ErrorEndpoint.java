package io.tongbao.shared.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * What the servlet container forwards to when a request failed outside Spring MVC (a filter threw, a status was
 * sent without a body): the documented error shape instead of Spring Boot's {@code {"timestamp","status"}}. Asked
 * for directly, {@code /error} is a path like any other that does not exist: 404.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private final ObjectMapper json;

    ErrorEndpoint(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            ApiErrorResponses.write(
                    json,
                    request,
                    response,
                    HttpStatus.NOT_FOUND,
                    "NOT_FOUND",
                    "no such path " + request.getRequestURI());
            return;
        }
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        if (failure instanceof InvalidParameterException) {
            status = HttpServletResponse.SC_BAD_REQUEST;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            resolved = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String message = failure instanceof InvalidParameterException
                ? "a query or form parameter is not valid percent-encoded UTF-8"
                : ApiErrorResponses.messageFor(resolved.value());
        ApiErrorResponses.write(
                json, request, response, resolved, ApiErrorResponses.codeFor(resolved.value()), message);
    }
}
