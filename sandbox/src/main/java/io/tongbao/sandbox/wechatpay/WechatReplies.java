package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.WechatPaySandbox.KeyMode;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.RsaKeyPool;
import io.tongbao.sandbox.support.SandboxJson;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Signs every reply, 204 included, over {@code timestamp\nnonce\nbody\n}. Header names are written with exactly
 * WeChat Pay's capitalisation because wechatpay-java reads them case-sensitively. The timestamp is wall-clock
 * time: the SDK rejects replies more than five minutes away from its own clock, whatever the sandbox clock says.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatReplies {

    private final RsaKeyPool keyPool;
    private final SandboxClock clock;
    private WechatPayKeys unattributed;

    WechatReplies(RsaKeyPool keyPool, SandboxClock clock) {
        this.keyPool = keyPool;
        this.clock = clock;
    }

    ResponseEntity<String> ok(HttpServletRequest request, WechatMerchant merchant, Object body) {
        return reply(request, merchant, HttpStatus.OK, SandboxJson.write(body));
    }

    ResponseEntity<String> noContent(HttpServletRequest request, WechatMerchant merchant) {
        return reply(request, merchant, HttpStatus.NO_CONTENT, "");
    }

    ResponseEntity<String> error(HttpServletRequest request, WechatMerchant merchant, WechatError error) {
        return reply(
                request,
                merchant,
                error.status(),
                SandboxJson.write(Map.of("code", error.code(), "message", String.valueOf(error.getMessage()))));
    }

    ResponseEntity<String> reply(HttpServletRequest request, WechatMerchant merchant, HttpStatus status, String body) {
        WechatPayKeys keys = merchant != null ? merchant.keys() : unattributed();
        HttpHeaders headers = signedHeaders(keys, modeFor(request, merchant), body);
        headers.set("Request-ID", Ids.hex(16).toUpperCase());
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(status).headers(headers);
        if (body.isEmpty()) {
            return reply.build();
        }
        return reply.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    HttpHeaders signedHeaders(WechatPayKeys keys, KeyMode mode, String body) {
        String timestamp = String.valueOf(clock.wallClock().instant().getEpochSecond());
        String nonce = Ids.hex(16).toUpperCase();
        WechatPayKeys.Signed signed = keys.sign(mode, timestamp + "\n" + nonce + "\n" + body + "\n");
        HttpHeaders headers = new HttpHeaders();
        headers.set("Wechatpay-Nonce", nonce);
        headers.set("Wechatpay-Signature", signed.signature());
        headers.set("Wechatpay-Timestamp", timestamp);
        headers.set("Wechatpay-Serial", signed.serial());
        headers.set("Wechatpay-Signature-Type", WechatPayKeys.SIGNATURE_TYPE);
        return headers;
    }

    /**
     * A refusal before the request is authenticated (no Authorization, an unknown mchid, a signature that does not
     * verify) is still signed, as every WeChat Pay answer is, but with keys no merchant was given: it verifies for
     * nobody. Made on the first such refusal.
     */
    private synchronized WechatPayKeys unattributed() {
        if (unattributed == null) {
            unattributed = WechatPayKeys.generate(keyPool, clock.wallClock().instant());
        }
        return unattributed;
    }

    /**
     * The client's Wechatpay-Serial header names the key it will verify with: a PUB_KEY_ID_ means public-key mode,
     * a certificate serial means certificate mode. A client that has no certificate yet (downloading them for the
     * first time) sends none, and gets the merchant's registered mode.
     */
    private KeyMode modeFor(HttpServletRequest request, WechatMerchant merchant) {
        String serial = request.getHeader("Wechatpay-Serial");
        if (serial != null && serial.startsWith("PUB_KEY_ID_")) {
            return KeyMode.PUBLIC_KEY;
        }
        if (serial != null && !serial.isBlank()) {
            return KeyMode.CERTIFICATE;
        }
        return merchant != null ? merchant.keyMode() : KeyMode.PUBLIC_KEY;
    }
}
