package io.tongbao.shared.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;

/**
 * Tomcat's last word on a failed request that no servlet answered, e.g. a URL it refuses before Spring sees it
 * ({@code %zz} or an encoded {@code /} in the path): the documented error shape instead of Tomcat's HTML page.
 */
class JsonErrorReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    JsonErrorReportValve(ObjectMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            resolved = status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        try {
            ApiErrorResponses.write(
                    json,
                    request,
                    response,
                    resolved,
                    ApiErrorResponses.codeFor(status),
                    ApiErrorResponses.messageFor(status));
        } catch (IOException | IllegalStateException e) {
            container.getLogger().debug("could not write the error report", e);
        }
    }
}
