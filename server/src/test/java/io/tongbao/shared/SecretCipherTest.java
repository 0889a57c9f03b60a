package io.tongbao.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.shared.crypto.SecretCipher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    final byte[] oldKey = key();
    final byte[] newKey = key();

    @Test
    void aSecretRoundTripsAndIsNotReadableInItsSealedForm() {
        SecretCipher cipher = new SecretCipher(newKey, List.of());

        String sealed = cipher.encrypt("sk_the-secret", "app:a:hmac:1");

        assertThat(sealed).startsWith("tbk1:" + cipher.primaryKeyId() + ":").doesNotContain("sk_the-secret");
        assertThat(cipher.decrypt(sealed, "app:a:hmac:1")).isEqualTo("sk_the-secret");
        assertThat(cipher.encrypt("sk_the-secret", "app:a:hmac:1"))
                .as("a fresh IV every time")
                .isNotEqualTo(sealed);
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(newKey, List.of());
        String sealed = cipher.encrypt("sk_the-secret", "app:a:hmac:1");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "app:b:hmac:1"))
                .isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }

    @Test
    void aTamperedCiphertextDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(newKey, List.of());
        String sealed = cipher.encrypt("sk_the-secret", "ctx");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        raw[raw.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1)
                + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered, "ctx"))
                .isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }

    @Test
    void duringARotationOldCiphertextsStillDecryptAndAreFlaggedForResealing() {
        String sealedUnderOld = new SecretCipher(oldKey, List.of()).encrypt("sk_the-secret", "ctx");
        SecretCipher rotated = new SecretCipher(newKey, List.of(oldKey));

        assertThat(rotated.decrypt(sealedUnderOld, "ctx")).isEqualTo("sk_the-secret");
        assertThat(rotated.needsReencryption(sealedUnderOld)).isTrue();
        assertThat(rotated.needsReencryption(rotated.encrypt("x", "ctx"))).isFalse();
        assertThatThrownBy(() -> new SecretCipher(newKey, List.of()).decrypt(sealedUnderOld, "ctx"))
                .hasMessageContaining("not configured");
    }

    @Test
    void aMasterKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16], List.of())).hasMessageContaining("32 bytes");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
