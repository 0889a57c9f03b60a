package io.tongbao.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every exchange under /api as the server saw it, outermost of all filters (so refusals by the merchant-API
 * filter and Spring Security are recorded too): what {@link ApiDescription} checks against /v3/api-docs. Import it
 * into an end-to-end test and read {@link #exchanges()}; the recording does not change what the client gets.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApiTraffic {

    /** One request and its answer: headers by lower-case name, bodies as the bytes that crossed the wire. */
    public record Exchange(
            String method,
            String path,
            String query,
            Map<String, List<String>> requestHeaders,
            byte[] requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            byte[] responseBody) {

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
        }
    }

    private static final int MAX_RECORDED_BODY = 1 << 20;

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public void clear() {
        exchanges.clear();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiTrafficRecorder() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Recorder());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private final class Recorder extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingRequestWrapper cachingRequest = new ContentCachingRequestWrapper(request, MAX_RECORDED_BODY);
            ContentCachingResponseWrapper cachingResponse = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(cachingRequest, cachingResponse);
            } finally {
                exchanges.add(new Exchange(
                        request.getMethod(),
                        request.getRequestURI(),
                        request.getQueryString(),
                        requestHeaders(request),
                        cachingRequest.getContentAsByteArray(),
                        cachingResponse.getStatus(),
                        responseHeaders(cachingResponse),
                        cachingResponse.getContentAsByteArray()));
                cachingResponse.copyBodyToResponse();
            }
        }

        private static Map<String, List<String>> requestHeaders(HttpServletRequest request) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name.toLowerCase(), Collections.list(request.getHeaders(name)));
            }
            return headers;
        }

        private static Map<String, List<String>> responseHeaders(HttpServletResponse response) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : response.getHeaderNames()) {
                headers.put(name.toLowerCase(), new ArrayList<>(response.getHeaders(name)));
            }
            if (response.getContentType() != null) {
                headers.put("content-type", List.of(response.getContentType()));
            }
            return headers;
        }
    }
}
