package io.tongbao.console;

import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a console filter bar or form typed, which may be anything: amounts in yuan ({@code 12.34}, exact, at most two
 * decimals), dates ({@code 2026-12-03}) in the user's zone, one of an enum's names. A value that is not one is
 * remembered as an error of its field (a message key) and left out of the filter, never thrown.
 */
final class FilterInput {

    /** Yuan with up to two decimals; a leading ¥ and spaces are allowed, nothing else. */
    private static final Pattern YUAN = Pattern.compile("[0-9]{1,13}(\\.[0-9]{1,2})?");

    private final ZoneId zone;
    private final Map<String, String> errors = new LinkedHashMap<>();

    FilterInput(ZoneId zone) {
        this.zone = zone;
    }

    /** The field's error message keys, in the order found. */
    Map<String, String> errors() {
        return errors;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    @Nullable
    Long yuan(String field, @Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        Optional<Money> amount = parseYuan(typed);
        if (amount.isEmpty()) {
            errors.put(field, "error.amount.invalid");
            return null;
        }
        return amount.get().minor();
    }

    /** Exactly what was typed in yuan, or empty: {@code 12.345}, {@code -1}, {@code 1e3}, {@code abc} are not. */
    static Optional<Money> parseYuan(@Nullable String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String kept = typed.strip().replace("¥", "").replace("￥", "").strip();
        if (!YUAN.matcher(kept).matches()) {
            return Optional.empty();
        }
        return Optional.of(Money.ofDecimal(kept, Currency.CNY));
    }

    /** The start of the day in the user's zone. */
    @Nullable
    Instant dayStart(String field, @Nullable String typed) {
        LocalDate day = date(field, typed);
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    /** The end of the day in the user's zone (the next day's start): a range "to" a day includes it. */
    @Nullable
    Instant dayEnd(String field, @Nullable String typed) {
        LocalDate day = date(field, typed);
        return day == null ? null : day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private @Nullable LocalDate date(String field, @Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(typed.strip());
            if (day.getYear() < 2000 || day.getYear() > 9000) {
                throw new DateTimeParseException("out of range", typed, 0);
            }
            return day;
        } catch (DateTimeParseException e) {
            errors.put(field, "error.date.invalid");
            return null;
        }
    }

    <E extends Enum<E>> @Nullable E choice(String field, @Nullable String typed, Class<E> type) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(typed.strip().toUpperCase(Locale.ROOT))) {
                return value;
            }
        }
        errors.put(field, "error.choice.invalid");
        return null;
    }
}
