package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook retry schedules. The default is the one shared/DESIGN.md names ("Tongbao's own webhooks retry on the seeds'
 * Alipay-style schedule: 5s, 2m, 10m, 15m, 1h, 2h, 6h, 15h, then dead-letter"); an app's own schedule is 1 to 20
 * waits of 1 s to 2 days each. The table is a one-row stand-in ({@link OneRowTable}): no database.
 */
class RetrySchedulesTest {

    private static final List<Duration> DOCUMENTED = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofHours(15));

    private final OneRowTable table = new OneRowTable();
    private final RetrySchedules schedules = new RetrySchedules(
            table.jdbc, defaults(), Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));

    @Test
    void theDefaultScheduleIsTheDocumentedOne() {
        assertThat(defaults().retrySchedule()).containsExactlyElementsOf(DOCUMENTED);
    }

    @Test
    void theDefaultScheduleSpansADayBeforeTheDeadLetter() {
        Duration total = defaults().retrySchedule().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isEqualTo(Duration.ofHours(24).plusMinutes(27).plusSeconds(5));
    }

    @Test
    void anAppWithoutItsOwnScheduleGetsTheDefault() {
        assertThat(schedules.forApp("app_1")).containsExactlyElementsOf(DOCUMENTED);
    }

    @Test
    void anAppsOwnScheduleIsStoredAndReadBack() {
        List<Duration> set = schedules.set("app_1", List.of("5s", "90s", "1h", "2d", "PT30M", "1500ms"));
        assertThat(set)
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(90),
                        Duration.ofHours(1),
                        Duration.ofDays(2),
                        Duration.ofMinutes(30),
                        Duration.ofMillis(1500));
        assertThat(schedules.forApp("app_1")).isEqualTo(set);
    }

    @Test
    void aScheduleHasOneToTwentyWaits() {
        refused(null);
        refused(List.of());
        refused(Collections.nCopies(RetrySchedules.MAX_RETRIES + 1, "1m"));
        assertThat(schedules.set("app_1", List.of("1m"))).hasSize(1);
        assertThat(schedules.set("app_1", Collections.nCopies(RetrySchedules.MAX_RETRIES, "1m")))
                .hasSize(20);
    }

    @Test
    void eachWaitIsADurationBetweenOneSecondAndTwoDays() {
        refused(List.of("0s"));
        refused(List.of("-5s"));
        refused(List.of("5s", "PT-1S"));
        refused(List.of("2d", "PT48H0.001S"));
        refused(List.of("3d"));
        assertThat(schedules.set("app_1", List.of("1s", "48h")))
                .containsExactly(Duration.ofSeconds(1), Duration.ofDays(2));
    }

    /**
     * The refusal says "each wait between 1s and 2 days", docs/webhooks.md gives whole seconds, but the check only
     * refuses zero and negative waits: 1 ms is accepted, so an app can be set to hammer its endpoint. Reported, not
     * fixed here (refusing them changes what the operator API accepts).
     */
    @Test
    void aWaitUnderOneSecondIsRefusedAsTheRefusalSays() {
        refused(List.of("999ms"));
        refused(List.of("1ms"));
    }

    @Test
    void aWaitThatIsNoDurationIsRefusedNotThrown() {
        refused(List.of("soon"));
        refused(List.of("5 s"));
        refused(List.of(""));
        refused(List.of("5s,2m"));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        refused(withNull);
    }

    @Test
    void aRefusedScheduleLeavesTheStoredOneAsItWas() {
        schedules.set("app_1", List.of("1m", "1h"));
        refused(List.of("1m", "3d"));
        assertThat(schedules.forApp("app_1")).containsExactly(Duration.ofMinutes(1), Duration.ofHours(1));
    }

    @Property
    void everyAcceptedScheduleReadsBackAsSet(@ForAll("schedules") List<Duration> waits) {
        OneRowTable fresh = new OneRowTable();
        RetrySchedules own = new RetrySchedules(fresh.jdbc, defaults(), Clock.systemUTC());
        List<Duration> set =
                own.set("app_1", waits.stream().map(Duration::toString).toList());
        assertThat(set).isEqualTo(waits);
        assertThat(own.forApp("app_1")).isEqualTo(waits);
    }

    @Provide
    Arbitrary<List<Duration>> schedules() {
        return Arbitraries.longs()
                .between(1_000, Duration.ofDays(2).toMillis())
                .map(Duration::ofMillis)
                .list()
                .ofMinSize(1)
                .ofMaxSize(RetrySchedules.MAX_RETRIES);
    }

    private void refused(List<String> schedule) {
        assertThatThrownBy(() -> schedules.set("app_1", schedule))
                .as(String.valueOf(schedule))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getMessage()).startsWith("retry_schedule: ");
                });
    }

    /** The properties as Spring binds them when nothing is configured (application.yml sets no webhook schedule). */
    private static WebhookProperties defaults() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("tongbao.webhooks", WebhookProperties.class);
    }

    /** webhook_app_settings for one app: the upsert keeps the schedule it was given, the select returns it. */
    private static final class OneRowTable {

        final JdbcClient jdbc = mock(JdbcClient.class);
        final AtomicReference<String> schedule = new AtomicReference<>();

        @SuppressWarnings("unchecked")
        OneRowTable() {
            JdbcClient.StatementSpec statement = mock(JdbcClient.StatementSpec.class, RETURNS_SELF);
            JdbcClient.MappedQuerySpec<String> query = mock(JdbcClient.MappedQuerySpec.class);
            when(jdbc.sql(anyString())).thenReturn(statement);
            when(statement.param(eq("schedule"), any())).thenAnswer(call -> {
                schedule.set(call.getArgument(1));
                return statement;
            });
            when(statement.query(String.class)).thenReturn(query);
            when(query.optional()).thenAnswer(call -> Optional.ofNullable(schedule.get()));
        }
    }
}
