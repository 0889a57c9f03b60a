package io.tongbao.channel.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Alipay speaks yuan with two decimals and Beijing local time; Tongbao speaks fen and instants. */
final class AlipayAmounts {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Notifications also carry milliseconds (gmt_refund: "2026-11-22 16:08:33.000"). */
    private static final DateTimeFormatter TIME_READ = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private AlipayAmounts() {
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
    }

    /** Exact: "19.99" is 1999; "19.999" is refused rather than rounded. */
    static long fen(String yuan) {
        return new BigDecimal(yuan.strip()).movePointRight(2).longValueExact();
    }

    static String time(Instant instant) {
        return TIME.format(LocalDateTime.ofInstant(instant, BEIJING));
    }

    static Instant instant(String beijingTime) {
        return beijingTime == null || beijingTime.isBlank() ? null
                : LocalDateTime.parse(beijingTime.strip(), TIME_READ).atZone(BEIJING).toInstant();
    }
}
