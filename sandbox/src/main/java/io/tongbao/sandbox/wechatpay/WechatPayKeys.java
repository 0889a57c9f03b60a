package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.WechatPaySandbox.KeyMode;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.Rsa;
import io.tongbao.sandbox.support.RsaKeyPool;
import io.tongbao.sandbox.support.SelfSignedCertificate;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One merchant's WeChat Pay platform keys, made when it registers: a "WeChat Pay public key" with its PUB_KEY_ID_
 * id, and a separate platform key with a self-signed certificate. Two keys, as at WeChat Pay, so that a client that
 * mixes up the modes fails here as it would there; and each merchant its own, as at WeChat Pay, so that what is
 * signed for one merchant does not verify for another.
 */
final class WechatPayKeys {

    static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

    private final KeyPair publicKeyMode;
    private final String publicKeyId;
    private final KeyPair certificateMode;
    private final X509Certificate certificate;
    private final String certificateSerial;

    private WechatPayKeys(KeyPair publicKeyMode, KeyPair certificateMode, Instant now) {
        this.publicKeyMode = publicKeyMode;
        this.publicKeyId = "PUB_KEY_ID_0" + Ids.digits(31);
        this.certificateMode = certificateMode;
        BigInteger serial = new BigInteger(1, HexFormat.of().parseHex(Ids.hex(20)))
                .setBit(156)
                .clearBit(159);
        this.certificate = SelfSignedCertificate.create(
                certificateMode,
                serial,
                "Tongbao Sandbox",
                "Tongbao Sandbox WeChat Pay Platform",
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(5 * 365)));
        this.certificateSerial = serial.toString(16).toUpperCase();
    }

    /** @param now wall-clock time: whoever loads the certificate checks its validity against the wall clock */
    static WechatPayKeys generate(RsaKeyPool pool, Instant now) {
        return new WechatPayKeys(pool.take(), pool.take(), now);
    }

    String publicKeyId() {
        return publicKeyId;
    }

    String publicKeyPem() {
        return Rsa.pem(publicKeyMode.getPublic());
    }

    String certificateSerial() {
        return certificateSerial;
    }

    X509Certificate certificate() {
        return certificate;
    }

    String certificatePem() {
        try {
            return Rsa.pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs with the key of the mode the receiver verifies with, and says which key by its serial. */
    Signed sign(KeyMode mode, String message) {
        KeyPair keys = mode == KeyMode.PUBLIC_KEY ? publicKeyMode : certificateMode;
        String serial = mode == KeyMode.PUBLIC_KEY ? publicKeyId : certificateSerial;
        return new Signed(serial, Rsa.sign(Rsa.SHA256, keys.getPrivate(), message, StandardCharsets.UTF_8));
    }

    record Signed(String serial, String signature) {}
}
