package io.tongbao.merchant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the merchant API: a per-app token bucket ({@code requestsPerSecond} sustained, {@code burst} at
 * once) and the largest request body accepted.
 */
@ConfigurationProperties("tongbao.api")
record ApiProperties(@DefaultValue("200") int requestsPerSecond, @DefaultValue("400") int burst,
                     @DefaultValue("1048576") int maxBodyBytes) {
}
