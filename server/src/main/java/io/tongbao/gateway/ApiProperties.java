package io.tongbao.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the merchant API: a per-app token bucket ({@code requestsPerSecond} sustained, {@code burst} at
 * once) and the largest request body accepted. {@code invalidSignatureFloor}: the least time an
 * {@code INVALID_SIGNATURE} answer takes, so that whether an app id's settings were cached (it was used a moment ago:
 * it exists) does not show in the time.
 */
@ConfigurationProperties("tongbao.api")
record ApiProperties(
        @DefaultValue("200") int requestsPerSecond,
        @DefaultValue("400") int burst,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("20ms") Duration invalidSignatureFloor) {}
