package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.shared.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The server's own reading of docs/api.md's worked example; the SDK's copy is checked against the same bytes. */
class CanonicalStringsTest {

    @Test
    void theWorkedExampleVerifies() {
        byte[] body = "{\"out_trade_no\":\"T20261122001\",\"amount\":1999,\"subject\":\"通宝 会员\"}"
                .getBytes(StandardCharsets.UTF_8);

        String canonical = CanonicalStrings.request(
                "POST",
                "/api/v1/payments",
                "lang=zh-CN&b=2&a=%E9%80%9A+x",
                "app_7k2m9x4p1q8r3t6v5w0y",
                "1795334400",
                "n0nce-4f9a1c2e7b3d",
                body);

        assertThat(canonical.split("\n"))
                .containsExactly(
                        "POST",
                        "/api/v1/payments",
                        "a=%E9%80%9A%2Bx&b=2&lang=zh-CN",
                        "app_7k2m9x4p1q8r3t6v5w0y",
                        "1795334400",
                        "n0nce-4f9a1c2e7b3d",
                        "625d69975c8f02168a277b64bbd9d67d05b42677df682d27ca672741db8b624e");
        byte[] mac =
                HmacSha256.of("sk_exampleexampleexampleexampleexample00".getBytes(StandardCharsets.UTF_8), canonical);
        assertThat(Base64.getEncoder().encodeToString(mac)).isEqualTo("wSgpO1FdA3m1M5HRkx5eSsVgTdBGj8k8rtfitxd/CA4=");
    }
}
