package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    final TargetPolicy production = new TargetPolicy(properties(false));

    static WebhookProperties properties(boolean allowPrivateTargets) {
        return new WebhookProperties(
                List.of(Duration.ofSeconds(5)),
                Duration.ofSeconds(10),
                allowPrivateTargets,
                4,
                Duration.ofMillis(500),
                true);
    }

    @Test
    void internalTargetsAreRefusedInProduction() {
        for (String url : List.of(
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://10.1.2.3/hook",
                "http://172.16.0.9/hook",
                "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/hook",
                "http://[::1]/hook",
                "http://[fd00::1]/hook",
                "http://0.0.0.0/hook")) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
    }

    /** Every IPv4 range of IANA's special-purpose registry that is not a merchant's public server. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "198.51.100.1",
                "203.0.113.7",
                "198.18.0.1",
                "198.19.255.255",
                "192.88.99.1",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255"
            })
    void specialIpv4RangesAreRefused(String address) {
        assertThat(production.refusal("http://" + address + "/hook"))
                .as(address)
                .isPresent();
    }

    /**
     * IPv6 forms that carry an IPv4 address are judged by it: IPv4-compatible {@code ::a.b.c.d}, IPv4-mapped,
     * IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96} (and the local-use 64:ff9b:1::/48, refused
     * whatever it embeds), 6to4 {@code 2002::/16}; and Teredo, documentation, unique-local, link-local, site-local,
     * multicast, unspecified, discard-only and ORCHID are refused outright.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "::127.0.0.1",
                "::7f00:1",
                "::10.0.0.1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:0:7f00:1",
                "::ffff:0:127.0.0.1",
                "::ffff:0:a00:1",
                "64:ff9b::7f00:1",
                "64:ff9b::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::c0a8:101",
                "64:ff9b:1::7f00:1",
                "64:ff9b:1:7f00:1::",
                "64:ff9b:1::5db8:d822",
                "2002:7f00:1::",
                "2002:7f00:1::1",
                "2002:a00:1::",
                "2002:a9fe:a9fe::",
                "2001:0:4136:e378:8000:63bf:80ff:fffe",
                "2001::1",
                "2001:db8::1",
                "3fff::1",
                "2001:10::1",
                "2001:20::1",
                "2001:2::1",
                "fd00::1",
                "fc00::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "ff0e::1",
                "::",
                "::1",
                "100::1",
                "5f00::1"
            })
    void ipv6FormsThatReachInternalAddressesAreRefused(String address) {
        assertThat(production.refusal("http://[" + address + "]/hook"))
                .as(address)
                .isPresent();
    }

    /** (The JDK reads {@code 0177.0.0.1} as 177.0.0.1, not octal, and connects there: the socket's check sees that.) */
    @Test
    void numericSpellingsOfLoopbackAreRefused() {
        for (String url : List.of("http://2130706433/hook", "http://0x7f.1/hook", "http://127.1/hook")) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void publicTargetsAndOnlyHttpAreAllowed() {
        assertThat(production.refusal("https://93.184.216.34/hook")).isEmpty();
        assertThat(production.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/hook"))
                .isEmpty();
        assertThat(production.refusal("https://[64:ff9b::5db8:d822]/hook"))
                .as("NAT64 of a public address")
                .isEmpty();
        assertThat(production.refusal("https://[::ffff:93.184.216.34]/hook"))
                .as("mapped public address")
                .isEmpty();
        assertThat(production.refusal("https://[2002:5db8:d822::1]/hook"))
                .as("6to4 of a public address")
                .isEmpty();
        assertThat(production.refusal("ftp://93.184.216.34/hook"))
                .hasValueSatisfying(why -> assertThat(why).contains("http"));
        assertThat(production.refusal("file:///etc/passwd")).isPresent();
    }

    @Test
    void anIpv4MappedAddressHeldAsIpv6IsJudgedByItsIpv4() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertThat(TargetPolicy.isInternal(Inet6Address.getByAddress(null, mapped, null)))
                .isTrue();
        mapped[12] = 93;
        mapped[13] = (byte) 184;
        mapped[14] = (byte) 216;
        mapped[15] = 34;
        assertThat(TargetPolicy.isInternal(Inet6Address.getByAddress(null, mapped, null)))
                .isFalse();
    }

    @Test
    void theRefusalDoesNotTellWhatTheNameResolvesTo() {
        TargetPolicy policy = new TargetPolicy(properties(false), host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 20, 30, 40})});

        assertThat(policy.refusal("https://hooks.shop.example/tongbao"))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("hooks.shop.example")
                        .contains("internal address")
                        .doesNotContain("10.20.30.40"));
        assertThat(production.refusal("http://localhost/hook"))
                .hasValueSatisfying(
                        why -> assertThat(why).doesNotContain("127.0.0.1").doesNotContain("0:0:0:0:0:0:0:1"));
    }

    @Test
    void privateTargetsCanBeAllowedExplicitly() {
        TargetPolicy demo = new TargetPolicy(properties(true));
        assertThat(demo.refusal("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(demo.refusal("http://[::ffff:0:7f00:1]:8080/hook")).isEmpty();
    }
}
