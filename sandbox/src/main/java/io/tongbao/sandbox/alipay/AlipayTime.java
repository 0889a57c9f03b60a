package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Alipay's "yyyy-MM-dd HH:mm:ss" in China Standard Time. */
final class AlipayTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayTime() {}

    static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.atZone(SandboxClock.CHINA));
    }

    static Instant parse(String field, String text) {
        try {
            return LocalDateTime.parse(text, FORMAT).atZone(SandboxClock.CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw AlipayError.invalid("isv.invalid-parameter", field + " 格式应为 yyyy-MM-dd HH:mm:ss: " + text);
        }
    }
}
