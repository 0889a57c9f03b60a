package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    final TargetPolicy production = new TargetPolicy(new WebhookProperties(List.of(Duration.ofSeconds(5)),
            Duration.ofSeconds(10), false, 4, Duration.ofMillis(500), true));

    @Test
    void internalTargetsAreRefusedInProduction() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://172.16.0.9/hook", "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/hook", "http://[::1]/hook", "http://[fd00::1]/hook", "http://0.0.0.0/hook")) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void publicTargetsAndOnlyHttpAreAllowed() {
        assertThat(production.refusal("https://93.184.216.34/hook")).isEmpty();
        assertThat(production.refusal("ftp://93.184.216.34/hook")).hasValueSatisfying(
                why -> assertThat(why).contains("http"));
        assertThat(production.refusal("file:///etc/passwd")).isPresent();
    }

    @Test
    void privateTargetsCanBeAllowedExplicitly() {
        TargetPolicy demo = new TargetPolicy(new WebhookProperties(List.of(Duration.ofSeconds(5)),
                Duration.ofSeconds(10), true, 4, Duration.ofMillis(500), true));
        assertThat(demo.refusal("http://127.0.0.1:8080/hook")).isEmpty();
    }
}
