package io.tongbao.gateway;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class MerchantApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MerchantApiConfiguration.class);

    @Bean
    RateLimiter rateLimiter(ApiProperties properties, @Value("${tongbao.redis.url:}") String redisUrl) {
        if (redisUrl.isBlank()) {
            return new LocalRateLimiter(properties);
        }
        log.info("Rate limits shared through Redis at {}", redisUrl.replaceAll("//[^@/]*@", "//***@"));
        return new RedisRateLimiter(redisUrl, properties, "tongbao:rate-limit:");
    }

    /** After Spring Security's chain (which lets /api/v1 through) and before the dispatcher. */
    @Bean
    FilterRegistrationBean<MerchantApiFilter> merchantApiFilter(
            RequestAuthenticator authenticator,
            IdempotencyStore idempotency,
            RateLimiter rateLimiter,
            SourceFailureLimiter.Limits sourceLimits,
            CallLog callLog,
            ApiProperties properties,
            ObjectMapper json,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        FilterRegistrationBean<MerchantApiFilter> registration = new FilterRegistrationBean<>(new MerchantApiFilter(
                authenticator,
                idempotency,
                rateLimiter,
                new SourceFailureLimiter(sourceLimits),
                callLog,
                properties,
                json,
                clock,
                new TransactionTemplate(transactionManager)));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }
}
