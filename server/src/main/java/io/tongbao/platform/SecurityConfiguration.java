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
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may call what. The merchant API ({@code /api/v1}) is authenticated by request signatures in the gateway,
 * not here. The console ({@code /console}) logs users in with a form into a session kept in PostgreSQL; the operator
 * API logs the same users in with HTTP Basic. Both authorize each route by {@link Permissions}. Health and info
 * are public; everything else needs an operator.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** No inline script or style, nothing from elsewhere, never in a frame. */
    static final String CONSOLE_CONTENT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

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
    SecurityFilterChain console(HttpSecurity http, UserAuthentication users) throws Exception {
        return http.securityMatcher("/", "/console", "/console/**", "/webjars/**", "/favicon.ico")
                .authenticationManager(new ProviderManager(users))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/", "/console/login", "/console/assets/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/console/denied")
                        .authenticated()
                        .anyRequest()
                        .access(new RouteAuthorization()))
                .formLogin(form -> form.loginPage("/console/login")
                        .loginProcessingUrl("/console/login")
                        .authenticationDetailsSource(LoginDetails::new)
                        .defaultSuccessUrl("/console/", false)
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                request.getContextPath() + "/console/login?error=" + ConsoleLoginErrors.codeOf(e))))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/console/denied"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CONTENT_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain operator(HttpSecurity http, ObjectMapper json, UserAuthentication users) throws Exception {
        return http
                // only ours: a refused login must not fall through to another provider that hashes the password
                .authenticationManager(new ProviderManager(users))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .requestMatchers("/api/operator/**")
                        .access(new RouteAuthorization())
                        .anyRequest()
                        .hasAuthority("KIND_OPERATOR"))
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
