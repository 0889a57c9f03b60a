package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.support.AesGcm;
import io.tongbao.sandbox.support.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code GET /v3/certificates} answer: the platform certificate, encrypted for one merchant. */
final class WechatCertificates {

    private static final String ASSOCIATED_DATA = "certificate";

    private WechatCertificates() {}

    static Map<String, Object> list(WechatMerchant merchant) {
        WechatPayKeys keys = merchant.keys();
        String nonce = Ids.alphanumeric(12);
        Map<String, Object> encrypted = new LinkedHashMap<>();
        encrypted.put("algorithm", "AEAD_AES_256_GCM");
        encrypted.put("nonce", nonce);
        encrypted.put("associated_data", ASSOCIATED_DATA);
        encrypted.put("ciphertext", AesGcm.encrypt(merchant.apiV3Key(), nonce, ASSOCIATED_DATA, keys.certificatePem()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("serial_no", keys.certificateSerial());
        entry.put(
                "effective_time",
                WechatTime.format(keys.certificate().getNotBefore().toInstant()));
        entry.put(
                "expire_time",
                WechatTime.format(keys.certificate().getNotAfter().toInstant()));
        entry.put("encrypt_certificate", encrypted);
        return Map.of("data", List.of(entry));
    }
}
