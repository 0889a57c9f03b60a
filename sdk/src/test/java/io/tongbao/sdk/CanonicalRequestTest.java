package io.tongbao.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worked example of docs/api.md, to the byte: if this changes, every merchant integration breaks. */
class CanonicalRequestTest {

    static final String APP_ID = "app_7k2m9x4p1q8r3t6v5w0y";
    static final String SECRET = "sk_exampleexampleexampleexampleexample00";
    static final byte[] BODY = "{\"out_trade_no\":\"T20261122001\",\"amount\":1999,\"subject\":\"通宝 会员\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theWorkedExampleSignsToTheDocumentedString() {
        String canonical = CanonicalRequest.requestString(
                "POST",
                "/api/v1/payments",
                "lang=zh-CN&b=2&a=%E9%80%9A+x",
                APP_ID,
                1795334400L,
                "n0nce-4f9a1c2e7b3d",
                BODY);

        assertThat(canonical).isEqualTo("""
                POST
                /api/v1/payments
                a=%E9%80%9A%2Bx&b=2&lang=zh-CN
                app_7k2m9x4p1q8r3t6v5w0y
                1795334400
                n0nce-4f9a1c2e7b3d
                625d69975c8f02168a277b64bbd9d67d05b42677df682d27ca672741db8b624e""");
        assertThat(new HmacSigner(SECRET).sign(canonical)).isEqualTo("wSgpO1FdA3m1M5HRkx5eSsVgTdBGj8k8rtfitxd/CA4=");
    }

    @Test
    void queryParametersAreSortedByNameThenValueAndReEncoded() {
        assertThat(CanonicalRequest.canonicalQuery("b=2&a=3&a=1&c")).isEqualTo("a=1&a=3&b=2&c=");
        assertThat(CanonicalRequest.canonicalQuery("q=a%20b*c~d")).isEqualTo("q=a%20b%2Ac~d");
        assertThat(CanonicalRequest.canonicalQuery(null)).isEmpty();
    }

    @Test
    void anEmptyBodyHashesAsTheEmptyString() {
        assertThat(CanonicalRequest.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hmacResponsesVerifyOnlyWithTheRightSignature() {
        HmacSigner signer = new HmacSigner(SECRET);
        String response = CanonicalRequest.responseString(200, "n0nce-4f9a1c2e7b3d", 1795334401L, "abc", BODY);

        assertThat(signer.verifyResponse(response, signer.sign(response))).isTrue();
        assertThat(signer.verifyResponse(response + "x", signer.sign(response))).isFalse();
        assertThat(signer.verifyResponse(response, "not base64!")).isFalse();
    }
}
