package io.tongbao.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses, before anything reads them, requests that would otherwise fail deep inside as a 500: a query string that
 * is not valid percent-encoded UTF-8 or carries a NUL (which PostgreSQL cannot store), a Content-Type that is not one
 * media type (Spring refuses to parse {@code application/*} with an exception), a declared body over the limit.
 * Runs right after {@link RequestIdFilter}, before Spring Security and the merchant API filter. The channel
 * notification endpoints ({@code /channels/**}) answer in their channel's protocol and check their own input; only
 * a path whose escapes cannot be decoded is refused here for them too, since Spring fails on it before they run.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestHygieneFilter extends OncePerRequestFilter {

    /** The firewall's rules with Spring Security's defaults, the same Spring Security applies to every request. */
    private static final StrictHttpFirewall HEADER_RULES = new StrictHttpFirewall();

    private final ObjectMapper json;
    private final long maxBodyBytes;

    RequestHygieneFilter(ObjectMapper json, @Value("${tongbao.api.max-body-bytes:1048576}") long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> badPath = QueryStrings.pathProblem(request.getRequestURI());
        if (badPath.isPresent()) {
            ApiErrorResponses.write(json, request, response, HttpStatus.BAD_REQUEST, "INVALID_REQUEST", badPath.get());
            return;
        }
        Optional<String> badHeader = headerProblem(request);
        if (badHeader.isPresent()) {
            ApiErrorResponses.write(
                    json, request, response, HttpStatus.BAD_REQUEST, "INVALID_REQUEST", badHeader.get());
            return;
        }
        if (path(request).startsWith("/channels/")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> badQuery = QueryStrings.problem(request.getQueryString());
        if (badQuery.isPresent()) {
            ApiErrorResponses.write(
                    json, request, response, HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", badQuery.get());
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && !isOneMediaType(contentType)) {
            ApiErrorResponses.write(
                    json,
                    request,
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type must name one media type, without wildcards: send application/json");
            return;
        }
        // the merchant API filter enforces the same limit itself (signed answer, call log); elsewhere this is the check
        if (!path(request).startsWith("/api/v1/") && request.getContentLengthLong() > maxBodyBytes) {
            ApiErrorResponses.write(
                    json,
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "BODY_TOO_LARGE",
                    "the request body exceeds " + maxBodyBytes + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Spring Security's firewall refuses a header name or value with control characters, but only when something
     * reads that header, deep inside a filter or handler that then fails with a 500. Every header is read here once,
     * through the same firewall rules, so such a request is refused before anything else sees it.
     */
    private static Optional<String> headerProblem(HttpServletRequest request) {
        HttpServletRequest checked;
        try {
            checked = HEADER_RULES.getFirewalledRequest(request);
        } catch (RequestRejectedException urlNotInNormalForm) {
            return Optional.empty(); // Spring Security's own firewall refuses it next, saying why (FirewallRejections)
        }
        try {
            for (String name : Collections.list(checked.getHeaderNames())) {
                Collections.list(checked.getHeaders(name));
            }
            return Optional.empty();
        } catch (RequestRejectedException e) {
            return Optional.of("a header name or value has control characters or characters that are not assigned");
        }
    }

    private static boolean isOneMediaType(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
