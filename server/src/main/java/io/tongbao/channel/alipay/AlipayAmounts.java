package io.tongbao.channel.alipay;

import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** Alipay speaks yuan with two decimals and Beijing local time; Tongbao speaks {@link Money} and instants. */
final class AlipayAmounts {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Notifications also carry milliseconds (gmt_refund: "2026-11-22 16:08:33.000"). */
    private static final DateTimeFormatter TIME_READ = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private AlipayAmounts() {}

    /** An amount as Alipay writes it, in yuan: exact, "19.999" is refused rather than rounded. */
    static Money money(String yuan) {
        return Money.ofDecimal(yuan, Currency.CNY);
    }

    static String time(Instant instant) {
        return TIME.format(LocalDateTime.ofInstant(instant, BEIJING));
    }

    static @Nullable Instant instant(@Nullable String beijingTime) {
        return beijingTime == null || beijingTime.isBlank()
                ? null
                : LocalDateTime.parse(beijingTime.strip(), TIME_READ)
                        .atZone(BEIJING)
                        .toInstant();
    }
}
