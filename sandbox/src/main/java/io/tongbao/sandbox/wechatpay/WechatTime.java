package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** WeChat Pay's RFC 3339 times, written in China Standard Time with whole seconds. */
final class WechatTime {

    private WechatTime() {}

    static String format(Instant instant) {
        return instant == null
                ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS)
                        .atZone(SandboxClock.CHINA)
                        .toOffsetDateTime());
    }

    static Instant parse(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw WechatError.param(field + " 应为 RFC3339 格式，如 2018-06-08T10:34:56+08:00: " + text);
        }
    }
}
