package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.support.Rsa;

/** Alipay's two RSA signature types. RSA (SHA-1) is what the SDK's old short constructors still default to. */
enum SignType {
    RSA2(Rsa.SHA256),
    RSA(Rsa.SHA1);

    private final String algorithm;

    SignType(String algorithm) {
        this.algorithm = algorithm;
    }

    String algorithm() {
        return algorithm;
    }

    static SignType parse(String value) {
        if (value == null || value.isBlank()) {
            return RSA;
        }
        return switch (value) {
            case "RSA2" -> RSA2;
            case "RSA" -> RSA;
            default -> throw AlipayError.invalid("isv.invalid-signature-type", "无效的签名类型: " + value);
        };
    }
}
