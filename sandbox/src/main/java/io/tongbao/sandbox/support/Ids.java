package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Identifiers in the shapes the channels use, random enough that two sandbox runs never collide in a test. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(SandboxClock.CHINA);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    public static String digits(int length) {
        StringBuilder out = new StringBuilder(length);
        out.append((char) ('1' + RANDOM.nextInt(9)));
        while (out.length() < length) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }

    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public static String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    /** Date-prefixed numbers, like Alipay's trade_no and WeChat Pay's transaction_id. */
    public static String dated(Instant at, int randomDigits) {
        return DAY.format(at) + digits(randomDigits);
    }
}
