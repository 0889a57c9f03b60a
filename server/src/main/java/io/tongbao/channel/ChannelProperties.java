package io.tongbao.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code publicBaseUrl}: where the channels reach this deployment for notifications (behind a proxy, its public
 * address); when empty, {@code http://localhost:<the port this server listens on>}, which is right for the sandbox
 * mounted in the same process. Timeouts bound every call to a channel.
 */
@ConfigurationProperties("tongbao.channels")
public record ChannelProperties(
        String publicBaseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout) {}
