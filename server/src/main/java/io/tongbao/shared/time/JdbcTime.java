package io.tongbao.shared.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one place an {@link Instant} crosses JDBC: bound as a UTC {@code OffsetDateTime} (what the driver maps to
 * {@code timestamptz}), read back from a {@code Timestamp}, and cut to the microseconds PostgreSQL keeps, so that a
 * value compared or hashed before it is stored equals the value read back.
 */
public final class JdbcTime {

    private JdbcTime() {}

    /** The parameter for a {@code timestamptz} column; {@code null} stays {@code null}. */
    public static @Nullable OffsetDateTime at(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant a {@code timestamptz} column holds; {@code null} stays {@code null}. */
    public static @Nullable Instant instant(@Nullable Timestamp value) {
        return value == null ? null : value.toInstant();
    }

    /** The instant in {@code column} of the current row; SQL {@code null} is {@code null}. */
    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    /** The instant in {@code column} of the current row, which is {@code not null} there (or for the row's status). */
    public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(instant(rs, column), column);
    }

    /** PostgreSQL keeps microseconds: an instant stored and also compared or hashed is truncated to them first. */
    public static Instant toDatabasePrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
