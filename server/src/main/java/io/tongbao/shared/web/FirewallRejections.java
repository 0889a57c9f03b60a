package io.tongbao.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Spring Security's firewall refuses URLs that are not in normal form ({@code //}, {@code ;x=1} path parameters,
 * encoded {@code /}, {@code \}, {@code %25}, {@code ../}) and header names or values with control characters.
 * Spring Security picks this bean up for every filter chain, so those refusals are a 400 in the documented shape
 * instead of an exception rendered by Spring's default error page.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(FirewallRejections.class);

    private final ObjectMapper json;

    FirewallRejections(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("request refused by the firewall: {}", rejected.getMessage());
        ApiErrorResponses.write(
                json,
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "INVALID_REQUEST",
                "the URL or a header is not in normal form: no empty path segments (//), path parameters (;), "
                        + "encoded / \\ or %, dot segments or control characters");
    }
}
