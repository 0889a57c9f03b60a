package io.tongbao.shared.id;

import java.security.SecureRandom;

/**
 * Externally visible ids: a type prefix and 20 random characters of an unambiguous alphabet (about 100 bits),
 * so that ids cannot be guessed or enumerated and their kind is clear in logs.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + randomToken(20);
    }

    /** A token of the id alphabet; also used for secrets where the length gives the entropy (5 bits a character). */
    public static String randomToken(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
