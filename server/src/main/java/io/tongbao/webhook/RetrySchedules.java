package io.tongbao.webhook;

import io.tongbao.shared.time.JdbcTime;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The retry schedule of an app: its own when the operator set one, else the default. */
@Component
class RetrySchedules {

    static final int MAX_RETRIES = 20;
    /** A shorter wait would let an app's schedule hammer its own endpoint (a few sub-second retries in a row). */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);

    static final Duration MAX_WAIT = Duration.ofDays(2);

    private final JdbcClient jdbc;
    private final WebhookProperties properties;
    private final Clock clock;

    RetrySchedules(JdbcClient jdbc, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    List<Duration> forApp(String appId) {
        return jdbc.sql(
                        "select retry_schedule from webhook_app_settings where app_id = :app and retry_schedule is not null")
                .param("app", appId)
                .query(String.class)
                .optional()
                .map(RetrySchedules::parse)
                .orElse(properties.retrySchedule());
    }

    List<Duration> set(String appId, List<String> schedule) {
        if (schedule == null || schedule.isEmpty() || schedule.size() > MAX_RETRIES) {
            throw ApiException.invalid(
                    "retry_schedule", "give 1 to " + MAX_RETRIES + " waits, e.g. [\"5s\", \"2m\", \"1h\"]");
        }
        List<Duration> waits;
        try {
            waits = schedule.stream().map(DurationStyle::detectAndParse).toList();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.invalid("retry_schedule", "each wait is a duration such as 5s, 2m, 1h");
        }
        if (waits.stream().anyMatch(wait -> wait.compareTo(MIN_WAIT) < 0 || wait.compareTo(MAX_WAIT) > 0)) {
            throw ApiException.invalid("retry_schedule", "each wait between 1s and 2 days");
        }
        jdbc.sql("""
                        insert into webhook_app_settings (app_id, retry_schedule, updated_at) values (:app, :schedule, :now)
                        on conflict (app_id) do update set retry_schedule = excluded.retry_schedule, updated_at = excluded.updated_at""")
                .param("app", appId)
                .param(
                        "schedule",
                        String.join(",", waits.stream().map(Duration::toString).toList()))
                .param("now", JdbcTime.at(clock.instant()))
                .update();
        return waits;
    }

    private static List<Duration> parse(String stored) {
        return Arrays.stream(stored.split(",")).map(Duration::parse).toList();
    }
}
