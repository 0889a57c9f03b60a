package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where buyers and clients reach the sandbox: the configured public URL, else the address the caller used. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
public class BaseUrl {

    private final SandboxProperties properties;

    public BaseUrl(SandboxProperties properties) {
        this.properties = properties;
    }

    public String of(HttpServletRequest request) {
        if (properties.publicUrl() != null) {
            return stripSlash(properties.publicUrl().toString());
        }
        return stripSlash(ServletUriComponentsBuilder.fromContextPath(request)
                .replaceQuery(null)
                .toUriString());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
