package io.tongbao.shared.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. A stored value reads
 * {@code tbk1:<key id>:<base64(iv ‖ ciphertext ‖ tag)>}; the key id lets older master keys still decrypt
 * during a rotation, and the context (e.g. "app:app_x:hmac") is authenticated so a ciphertext copied to
 * another row does not decrypt.
 */
public final class SecretCipher {

    private static final String PREFIX = "tbk1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String primaryId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** @param primary the key new values are encrypted with; {@code older} still decrypt, until re-encrypted */
    public SecretCipher(byte[] primary, List<byte[]> older) {
        this.primaryId = add(primary);
        older.forEach(this::add);
    }

    public String encrypt(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(primaryId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return PREFIX + ":" + primaryId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String stored, String context) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new SecretDecryptionException("not a Tongbao ciphertext");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new SecretDecryptionException("encrypted under master key " + parts[1]
                    + ", which is not configured (tongbao.security.previous-master-keys)");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("ciphertext or context does not authenticate");
        }
    }

    /** True when the value was sealed with an older master key and should be re-encrypted. */
    public boolean needsReencryption(String stored) {
        return !stored.startsWith(PREFIX + ":" + primaryId + ":");
    }

    public String primaryKeyId() {
        return primaryId;
    }

    private String add(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a master key must be 32 bytes (AES-256), got " + key.length);
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
        return id;
    }

    /** A short public fingerprint of a key: names it in ciphertexts without revealing it. */
    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class SecretDecryptionException extends RuntimeException {
        SecretDecryptionException(String message) {
            super(message);
        }
    }
}
