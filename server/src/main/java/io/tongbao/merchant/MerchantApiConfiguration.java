package io.tongbao.merchant;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class MerchantApiConfiguration {

    /** After Spring Security's chain (which lets /api/v1 through) and before the dispatcher. */
    @Bean
    FilterRegistrationBean<MerchantApiFilter> merchantApiFilter(RequestAuthenticator authenticator,
                                                                IdempotencyStore idempotency, RateLimiter rateLimiter,
                                                                CallLog callLog, ApiProperties properties,
                                                                ObjectMapper json, Clock clock) {
        FilterRegistrationBean<MerchantApiFilter> registration = new FilterRegistrationBean<>(
                new MerchantApiFilter(authenticator, idempotency, rateLimiter, callLog, properties, json, clock));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }
}
