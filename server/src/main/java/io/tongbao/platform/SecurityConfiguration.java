package io.tongbao.platform;

import io.tongbao.shared.web.ApiError;
import io.tongbao.shared.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may call what. The merchant API ({@code /api/v1}) is authenticated by request signatures in the
 * merchant module, not here; health and info are public; everything else needs an operator.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain merchantApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/v1/**", "/sandbox/**", "/channels/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operator(HttpSecurity http, ObjectMapper json, OperatorAuthentication operators)
            throws Exception {
        return http
                // only ours: a refused login must not fall through to another provider that hashes the password
                .authenticationManager(new ProviderManager(operators))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .anyRequest()
                        .hasRole("OPERATOR"))
                .httpBasic(basic -> basic.realmName("Tongbao operator")
                        .authenticationEntryPoint((request, response, e) -> {
                            if (e instanceof LoginRefused refused) {
                                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
                                write(
                                        json,
                                        request,
                                        response,
                                        refused.status().value(),
                                        refused.code(),
                                        refused.getMessage());
                                return;
                            }
                            response.setHeader("WWW-Authenticate", "Basic realm=\"Tongbao operator\"");
                            write(json, request, response, 401, "UNAUTHENTICATED", "operator authentication required");
                        }))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, e) ->
                        write(json, request, response, 403, "FORBIDDEN", "not allowed for this account")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    private static void write(
            ObjectMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String code,
            String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new ApiError(code, message, RequestIds.of(request)));
    }
}
