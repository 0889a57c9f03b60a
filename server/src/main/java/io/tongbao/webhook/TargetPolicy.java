package io.tongbao.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where Tongbao may send a webhook. Only http(s); and unless {@code tongbao.webhooks.allow-private-targets}, never to
 * loopback, private, link-local (cloud metadata), carrier-grade NAT or unique-local addresses: a notify URL must not
 * become a way into the operator's network (SSRF). Checked when the delivery is made, after DNS resolution.
 */
@Component
class TargetPolicy {

    private final WebhookProperties properties;

    TargetPolicy(WebhookProperties properties) {
        this.properties = properties;
    }

    /** Empty when allowed; otherwise why not. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return Optional.of("only absolute http(s) URLs are allowed");
        }
        if (properties.allowPrivateTargets()) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address)) {
                    return Optional.of("target " + uri.getHost() + " resolves to an internal address " + address.getHostAddress());
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("host " + uri.getHost() + " does not resolve");
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            int first = raw[0] & 0xff;
            int second = raw[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking nets
        }
        return (raw[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }
}
