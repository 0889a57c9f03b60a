package io.tongbao.shared.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JdbcTimeTest {

    private static final Instant NANOS = Instant.parse("2026-03-01T12:34:56.123456789Z");

    @Test
    void bindsAnInstantAsUtcWithoutLosingPrecision() {
        OffsetDateTime bound = JdbcTime.at(NANOS);

        assertThat(bound.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(bound.toInstant()).isEqualTo(NANOS);
        assertThat(JdbcTime.at(null)).isNull();
    }

    @Test
    void readsATimestampBackAsTheSameInstant() {
        assertThat(JdbcTime.instant(Timestamp.from(NANOS))).isEqualTo(NANOS);
        assertThat(JdbcTime.instant((Timestamp) null)).isNull();
    }

    @Test
    void truncatesToTheMicrosecondsPostgresKeeps() {
        assertThat(JdbcTime.toDatabasePrecision(NANOS)).isEqualTo(Instant.parse("2026-03-01T12:34:56.123456Z"));
        Instant micros = Instant.parse("2026-03-01T12:34:56.123456Z");
        assertThat(JdbcTime.toDatabasePrecision(micros)).isEqualTo(micros);
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999999Z");
        assertThat(JdbcTime.toDatabasePrecision(beforeEpoch)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }
}
