package io.tongbao.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class ControlEndpointTest {

    @LocalServerPort
    int port;

    @Test
    void theClockMovesForwardOverHttpAndNeverBack() {
        long before = offset(Http.get(url("/sandbox/clock")));

        Http.Reply byDuration = Http.postJson(url("/sandbox/clock/advance"), Map.of("duration", "PT1H"));
        assertThat(byDuration.status()).isEqualTo(200);
        assertThat(offset(byDuration)).isEqualTo(before + 3600);
        assertThat(offset(Http.postJson(url("/sandbox/clock/advance"), Map.of("seconds", 60))))
                .isEqualTo(before + 3660);

        Http.Reply backwards = Http.postJson(url("/sandbox/clock/advance"), Map.of("seconds", -1));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json()).containsEntry("code", "PARAM_ERROR");
        assertThat(Http.postJson(url("/sandbox/clock/advance"), Map.of()).status())
                .isEqualTo(400);
        assertThat(offset(Http.get(url("/sandbox/clock")))).isEqualTo(before + 3660);
    }

    @Test
    void registrationRefusesWhatIsNotAPublicKey() {
        Http.Reply alipay = Http.postJson(url("/sandbox/alipay/apps"), Map.of("app_public_key", "not a key"));
        assertThat(alipay.status()).isEqualTo(400);
        Http.Reply wechat = Http.postJson(
                url("/sandbox/wechatpay/merchants"),
                Map.of("merchant_public_key", "not a key", "merchant_serial_no", "1"));
        assertThat(wechat.status()).isEqualTo(400);
    }

    private static long offset(Http.Reply reply) {
        return ((Number) reply.json().get("offset_seconds")).longValue();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
