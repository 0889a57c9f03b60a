package io.tongbao.console;

import io.tongbao.shared.money.Money;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How the console writes amounts and times, used from the templates as {@code ${@fmt.money(...)}}: yuan with two
 * decimals and grouping ({@code ¥1,234.56}), times as {@code 2026-12-03 14:05:09} in the user's zone.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String money(long minorUnits) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return "¥" + format.format(BigDecimal.valueOf(minorUnits, 2));
    }

    public String money(@Nullable Money money) {
        return money == null ? "" : money(money.minor());
    }

    public String time(@Nullable Instant instant, String zone) {
        return instant == null ? "" : TIME.format(instant.atZone(ZoneId.of(zone)));
    }

    public String time(@Nullable OffsetDateTime time, String zone) {
        return time == null ? "" : time(time.toInstant(), zone);
    }
}
