package io.tongbao.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where Tongbao may send a webhook. Only http(s); and unless {@code tongbao.webhooks.allow-private-targets}, only to
 * public unicast addresses: never loopback, private, carrier-grade NAT, link-local (cloud metadata), unique-local,
 * multicast, unspecified, documentation, benchmarking or reserved ranges, and no IPv6 form that embeds an IPv4 address
 * (IPv4-mapped, IPv4-translated, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) unless the
 * embedded IPv4 address is itself allowed. A notify URL must not become a way into the operator's network (SSRF).
 * <p>
 * Checked twice: {@link #refusal} before a delivery (so that a refused target is not retried), and on the connection
 * itself ({@link #allowedAddresses} as the HTTP client's DNS, {@link #allows} on the socket's address), so that a name
 * that resolves differently the second time (DNS rebinding) cannot take the connection elsewhere. Refusals never say
 * what a name resolved to: the merchant sees them.
 */
@Component
class TargetPolicy {

    /** How names become addresses: the system's resolver, or a test's. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A target the policy refuses; an {@link UnknownHostException} so that the HTTP client's DNS may throw it. */
    static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    // IANA's IPv4 and IPv6 special-purpose address registries: none of these is a merchant's public server
    private static final List<Range> INTERNAL_IPV4 = Range.all(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4");
    /** Inside global unicast 2000::/3; everything outside it (::1, fc00::/7, fe80::/10, ff00::/8, …) is refused. */
    private static final List<Range> INTERNAL_IPV6 = Range.all(
            "2001::/23", // IETF protocol assignments: Teredo 2001::/32 (tunnels to an address we cannot vouch for),
            // ORCHID, benchmarking
            "2001:db8::/32",
            "3fff::/20", // documentation
            "5f00::/16"); // segment routing

    private static final Range MAPPED = Range.of("::ffff:0:0/96");
    private static final Range TRANSLATED = Range.of("::ffff:0:0:0/96");
    private static final Range COMPATIBLE = Range.of("::/96");
    private static final Range NAT64 = Range.of("64:ff9b::/96");
    private static final Range SIX_TO_FOUR = Range.of("2002::/16");

    private final WebhookProperties properties;
    private final Resolver resolver;

    @Autowired
    TargetPolicy(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    TargetPolicy(WebhookProperties properties, Resolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /** Empty when allowed; otherwise why not, in words the merchant may read (no resolved address). */
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
            boolean internal = Arrays.stream(resolver.resolve(uri.getHost())).anyMatch(TargetPolicy::isInternal);
            return internal
                    ? Optional.of("target " + uri.getHost() + " resolves to an internal address")
                    : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("host " + uri.getHost() + " does not resolve");
        }
    }

    /** The host's addresses a connection may go to; {@link Refused} when there is none. */
    List<InetAddress> allowedAddresses(String host) throws UnknownHostException {
        List<InetAddress> allowed =
                Arrays.stream(resolver.resolve(host)).filter(this::allows).toList();
        if (allowed.isEmpty()) {
            throw new Refused("target " + host + " resolves to an internal address");
        }
        return allowed;
    }

    boolean allows(InetAddress address) {
        return properties.allowPrivateTargets() || !isInternal(address);
    }

    static boolean isInternal(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return INTERNAL_IPV4.stream().anyMatch(range -> range.contains(raw));
        }
        byte[] embedded = embeddedIpv4(raw);
        if (embedded != null) {
            return INTERNAL_IPV4.stream().anyMatch(range -> range.contains(embedded));
        }
        return (raw[0] & 0xe0) != 0x20 || INTERNAL_IPV6.stream().anyMatch(range -> range.contains(raw));
    }

    /**
     * The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one: a connection to it
     * reaches (or is translated to) that IPv4 address, so it is judged by the IPv4 rules. {@code ::} and {@code ::1}
     * are IPv4-compatible in form (0.0.0.0 and 0.0.0.1), and so refused with 0.0.0.0/8.
     */
    private static byte @Nullable [] embeddedIpv4(byte[] ipv6) {
        if (MAPPED.contains(ipv6) || TRANSLATED.contains(ipv6) || COMPATIBLE.contains(ipv6) || NAT64.contains(ipv6)) {
            return Arrays.copyOfRange(ipv6, 12, 16);
        }
        if (SIX_TO_FOUR.contains(ipv6)) {
            return Arrays.copyOfRange(ipv6, 2, 6);
        }
        return null;
    }

    /** An address prefix, e.g. {@code 10.0.0.0/8}; written as literals, so no name is ever resolved here. */
    private record Range(byte[] prefix, int bits) {

        static Range of(String cidr) {
            int slash = cidr.indexOf('/');
            String literal = cidr.substring(0, slash);
            try {
                byte[] prefix = InetAddress.getByName(literal).getAddress();
                if (literal.contains(":") && prefix.length == 4) {
                    // the JDK turns an IPv4-mapped literal into its IPv4 address; the range is of IPv6 addresses
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(prefix, 0, mapped, 12, 4);
                    prefix = mapped;
                }
                return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        static List<Range> all(String... cidrs) {
            return Arrays.stream(cidrs).map(Range::of).toList();
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
