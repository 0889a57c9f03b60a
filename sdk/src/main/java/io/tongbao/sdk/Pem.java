package io.tongbao.sdk;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads RSA keys given as PEM or as bare Base64 (PKCS#8 private, X.509 SubjectPublicKeyInfo public). */
public final class Pem {

    private Pem() {}

    public static PrivateKey rsaPrivateKey(String text) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 form", e);
        }
    }

    public static PublicKey rsaPublicKey(String text) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in X.509 form", e);
        }
    }

    private static byte[] der(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("key text is empty");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key text is neither PEM nor Base64", e);
        }
    }
}
