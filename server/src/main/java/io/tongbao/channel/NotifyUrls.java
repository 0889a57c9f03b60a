package io.tongbao.channel;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The URL a channel posts its notifications for one Tongbao app to. */
@Component
public class NotifyUrls {

    private final ChannelProperties properties;
    private final Environment environment;

    NotifyUrls(ChannelProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public String of(String channel, String appId) {
        return base() + "/channels/" + channel + "/notify/" + appId;
    }

    private String base() {
        String configured = properties.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        // the port actually bound (a random one in tests), known once the web server started
        return "http://localhost:"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
}
