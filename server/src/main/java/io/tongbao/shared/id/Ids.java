package io.tongbao.shared.id;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * Externally visible ids: a type prefix and 20 random characters of an unambiguous alphabet (about 100 bits),
 * so that ids cannot be guessed or enumerated and their kind is clear in logs.
 */
public final class Ids {

    private static final String SYMBOLS = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final char[] ALPHABET = SYMBOLS.toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_LENGTH = 20;

    private Ids() {}

    public static String next(String prefix) {
        return prefix + "_" + randomToken(TOKEN_LENGTH);
    }

    /** Whether {@code value} has the form {@link #next} gives ids of that prefix. */
    public static boolean isMinted(@Nullable String value, String prefix) {
        if (value == null || value.length() != prefix.length() + 1 + TOKEN_LENGTH || !value.startsWith(prefix + "_")) {
            return false;
        }
        return value.substring(prefix.length() + 1).chars().allMatch(c -> SYMBOLS.indexOf(c) >= 0);
    }

    /** For the typed ids: refuses what {@link #next} cannot have minted. */
    static void requireMinted(@Nullable String value, String prefix) {
        if (!isMinted(value, prefix)) {
            throw new IllegalArgumentException("not a " + prefix + " id: " + value);
        }
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
