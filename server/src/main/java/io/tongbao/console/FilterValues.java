package io.tongbao.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A list page's filters as they come from the URL, which may hold anything: each value read here is the filter or,
 * when it cannot be one, no filter and its field named in {@link #invalid()} (shown beside the field), never an error
 * page. Dates are days in the user's zone.
 */
final class FilterValues {

    private static final int MAX_TEXT = 128;

    private final ZoneId zone;
    private final Set<String> invalid = new TreeSet<>();

    FilterValues(ZoneId zone) {
        this.zone = zone;
    }

    /** Stripped text; blank is no filter; too long or holding control characters is invalid. */
    @Nullable
    String text(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            invalid.add(field);
            return null;
        }
        return value;
    }

    /** The first instant of the day. */
    @Nullable
    Instant dayStart(String field, @Nullable String raw) {
        LocalDate day = day(field, raw);
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the day: a range ending on this day includes it. */
    @Nullable
    Instant dayEnd(String field, @Nullable String raw) {
        LocalDate day = day(field, raw);
        return day == null ? null : day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    @Nullable
    Integer number(String field, @Nullable String raw, int min, int max) {
        String value = text(field, raw);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // named invalid below
        }
        invalid.add(field);
        return null;
    }

    <E extends Enum<E>> @Nullable E choice(String field, @Nullable String raw, Class<E> choices) {
        String value = text(field, raw);
        if (value == null) {
            return null;
        }
        for (E choice : choices.getEnumConstants()) {
            if (choice.name().equals(value.toUpperCase(Locale.ROOT))) {
                return choice;
            }
        }
        invalid.add(field);
        return null;
    }

    void markInvalid(String field) {
        invalid.add(field);
    }

    Set<String> invalid() {
        return invalid;
    }

    private @Nullable LocalDate day(String field, @Nullable String raw) {
        String value = text(field, raw);
        if (value == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() >= 2000 && day.getYear() <= 9000) {
                return day;
            }
        } catch (DateTimeParseException notADay) {
            // named invalid below
        }
        invalid.add(field);
        return null;
    }
}
