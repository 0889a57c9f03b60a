package io.tongbao.shared.crypto;

import io.tongbao.shared.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** RSA keys as merchants and channels hand them over: PEM or bare Base64, PKCS#8 private, X.509 public. */
public final class RsaKeys {

    static final int MINIMUM_BITS = 2048;

    private RsaKeys() {}

    public static PrivateKey privateKey(@Nullable String text, String field) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text, field)));
            requireStrength(((RSAPrivateCrtKey) key).getModulus().bitLength(), field);
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw ApiException.invalid(field, "is not an RSA private key in PKCS#8 form");
        }
    }

    public static PublicKey publicKey(@Nullable String text, String field) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text, field)));
            requireStrength(((RSAPublicKey) key).getModulus().bitLength(), field);
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw ApiException.invalid(field, "is not an RSA public key in X.509 (SubjectPublicKeyInfo) form");
        }
    }

    /** The public half of a private key, to check that a configured pair belongs together. */
    public static PublicKey publicOf(PrivateKey privateKey) {
        try {
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MINIMUM_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String base64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** {@code SHA256:} and the first 16 hex digits of the key's DER: enough to tell keys apart, nothing more. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(PrivateKey key, String content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    public static boolean verify(PublicKey key, String content, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireStrength(int bits, String field) {
        if (bits < MINIMUM_BITS) {
            throw ApiException.invalid(
                    field, "RSA key has " + bits + " bits; at least " + MINIMUM_BITS + " are required");
        }
    }

    private static byte[] der(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        String base64 = text.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "is neither PEM nor Base64");
        }
    }
}
