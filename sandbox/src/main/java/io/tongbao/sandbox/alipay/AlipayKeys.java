package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Rsa;
import java.nio.charset.Charset;
import java.security.KeyPair;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The sandbox's own "Alipay" key pair, made at start and never written anywhere. The SDK refuses an Alipay public
 * key equal to the app's own, so the sandbox cannot reuse the app's key even for convenience.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayKeys {

    private final KeyPair keyPair = Rsa.generate();

    String publicKeyBase64() {
        return Rsa.base64(keyPair.getPublic());
    }

    String sign(SignType type, String content, Charset charset) {
        return Rsa.sign(type.algorithm(), keyPair.getPrivate(), content, charset);
    }
}
