package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import io.tongbao.gateway.ApiCallQueries.AppErrorRate;
import io.tongbao.gateway.ApiCallQueries.Call;
import io.tongbao.gateway.ApiCallQueries.CallFilter;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Cursor;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.support.KeysetWalk;
import io.tongbao.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's reads of the merchant-API call log, on the merchant tables alone (real PostgreSQL). */
class ApiCallQueriesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final HikariDataSource dataSource = TestDatabase.freshDataSource(4, "classpath:db/migration/merchant");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final ApiCallQueries queries = new ApiCallQueries(jdbc);

    private final MerchantId merchantA = MerchantId.of(Ids.next("mch"));
    private final MerchantId merchantB = MerchantId.of(Ids.next("mch"));
    private final String appA = Ids.next("app");
    private final String appA2 = Ids.next("app");
    private final String appB = Ids.next("app");

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aMerchantSeesOnlyItsOwnCallsAndNotTheUnauthenticatedOnes() {
        long ofA = call(merchantA, appA, "/api/v1/payments", 200, 12, T0);
        long ofB = call(merchantB, appB, "/api/v1/payments", 200, 12, T0);
        // a bad signature naming A's app: the app id is only what the request claimed
        long claimed = call(null, appA, "/api/v1/payments", 401, 3, T0);

        assertThat(ids(CallFilter.of(merchantA))).containsExactly(ofA);
        assertThat(ids(CallFilter.of(merchantB))).containsExactly(ofB);
        assertThat(ids(CallFilter.of(null))).containsExactlyInAnyOrder(ofA, ofB, claimed);
        assertThat(ids(new CallFilter(merchantA, appB, null, null, null, null, null, null)))
                .isEmpty();
        assertThat(queries.errorRates(merchantA, T0))
                .extracting(AppErrorRate::appId)
                .containsExactly(appA);
        assertThat(queries.errorRates(merchantA, T0).getFirst().calls()).isOne();
        assertThat(queries.errorRates(null, T0)).extracting(AppErrorRate::calls).containsExactly(2L, 1L);
    }

    @Test
    void filtersByAppPathStatusLatencyAndTime() {
        long payment = call(merchantA, appA, "/api/v1/payments", 201, 40, T0);
        long refundFailed = call(merchantA, appA, "/api/v1/refunds", 409, 15, T0.plusSeconds(10));
        long crashed = call(merchantA, appA, "/api/v1/payments/pay_1", 503, 900, T0.plusSeconds(20));
        long otherApp = call(merchantA, appA2, "/api/v1/payments", 200, 5, T0.plusSeconds(30));

        assertThat(ids(filter(appA2, null, null, null, null, null, null))).containsExactly(otherApp);
        assertThat(ids(filter(null, "/api/v1/payments", null, null, null, null, null)))
                .containsExactly(otherApp, crashed, payment);
        // a prefix is a prefix, not a pattern
        assertThat(ids(filter(null, "/api/v1/%", null, null, null, null, null))).isEmpty();
        assertThat(ids(filter(null, null, 409, null, null, null, null))).containsExactly(refundFailed);
        assertThat(ids(filter(null, null, null, HttpStatus.Series.SUCCESSFUL, null, null, null)))
                .containsExactly(otherApp, payment);
        assertThat(ids(filter(null, null, null, HttpStatus.Series.CLIENT_ERROR, null, null, null)))
                .containsExactly(refundFailed);
        assertThat(ids(filter(null, null, null, HttpStatus.Series.SERVER_ERROR, null, null, null)))
                .containsExactly(crashed);
        assertThat(ids(filter(null, null, null, null, 40, null, null))).containsExactly(crashed, payment);
        assertThat(ids(filter(null, null, null, null, null, T0.plusSeconds(10), T0.plusSeconds(30))))
                .containsExactly(crashed, refundFailed);
    }

    @Test
    void errorRatesAndLatencyPercentilesPerApp() {
        call(merchantA, appA, "/api/v1/payments", 200, 10, T0);
        call(merchantA, appA, "/api/v1/payments", 200, 20, T0.plusSeconds(1));
        call(merchantA, appA, "/api/v1/payments", 404, 30, T0.plusSeconds(2));
        call(merchantA, appA, "/api/v1/payments", 500, 40, T0.plusSeconds(3));
        call(merchantA, appA2, "/api/v1/payments", 200, 7, T0.plusSeconds(4));
        // before the window
        call(merchantA, appA2, "/api/v1/payments", 500, 7, T0.minusSeconds(1));

        List<AppErrorRate> rates = queries.errorRates(merchantA, T0);

        assertThat(rates).extracting(AppErrorRate::appId).containsExactly(appA, appA2);
        AppErrorRate a = rates.getFirst();
        assertThat(a.calls()).isEqualTo(4);
        assertThat(a.clientErrors()).isOne();
        assertThat(a.serverErrors()).isOne();
        assertThat(a.errorRate()).isEqualTo(0.5);
        assertThat(a.p50LatencyMs()).isEqualTo(25.0);
        // interpolated: 30 + 0.85 * (40 - 30)
        assertThat(a.p95LatencyMs()).isCloseTo(38.5, within(1e-9));
        AppErrorRate a2 = rates.getLast();
        assertThat(a2.calls()).isOne();
        assertThat(a2.errorRate()).isZero();
    }

    @Test
    void pagesWalkForwardAndBackAcrossCallsOfTheSameTime() {
        for (int i = 0; i < 6; i++) {
            call(merchantA, appA, "/api/v1/payments", 200, 5, T0);
        }
        for (int i = 0; i < 5; i++) {
            call(merchantA, appA, "/api/v1/payments", 200, 5, T0.minusSeconds(i));
        }
        call(merchantB, appB, "/api/v1/payments", 200, 5, T0);

        List<Call> calls = KeysetWalk.rows(request -> queries.calls(CallFilter.of(merchantA), request), 4);

        assertThat(calls).extracting(Call::id).containsExactlyElementsOf(ids(CallFilter.of(merchantA)));
        assertThat(calls).hasSize(11);
        assertThat(calls)
                .isSortedAccordingTo(
                        (x, y) -> x.at().equals(y.at()) ? Long.compare(y.id(), x.id()) : y.at().compareTo(x.at()));
    }

    @Test
    void aCursorWhoseIdIsNoCallIdOpensTheFirstPageInsteadOfReachingTheDatabase() {
        for (int i = 0; i < 3; i++) {
            call(merchantA, appA, "/api/v1/payments", 200, 5, T0.minusSeconds(i));
        }
        String textForANumber = new Cursor(T0, "1; drop").encode();

        Page<Call> page = queries.calls(CallFilter.of(merchantA), PageRequest.of(textForANumber, "next", 2));

        assertThat(page.rows())
                .extracting(Call::id)
                .containsExactlyElementsOf(ids(CallFilter.of(merchantA)).subList(0, 2));
        assertThat(page.previous()).isNull();
    }

    private CallFilter filter(
            @Nullable String appId,
            @Nullable String pathPrefix,
            @Nullable Integer status,
            HttpStatus.@Nullable Series series,
            @Nullable Integer minLatency,
            @Nullable Instant from,
            @Nullable Instant to) {
        return new CallFilter(merchantA, appId, pathPrefix, status, series, minLatency, from, to);
    }

    private List<Long> ids(CallFilter filter) {
        return queries.calls(filter, PageRequest.first(PageRequest.MAX_LIMIT)).rows().stream()
                .map(Call::id)
                .toList();
    }

    private long call(@Nullable MerchantId merchant, String appId, String path, int status, int latencyMs, Instant at) {
        return jdbc.sql("""
                        insert into api_call (request_id, merchant_id, app_id, method, path, status, latency_ms,
                            created_at)
                        values (:request, :merchant, :app, 'POST', :path, :status, :latency, :at) returning id""")
                .param("request", Ids.next("req"))
                .param("merchant", merchant == null ? null : merchant.value())
                .param("app", appId)
                .param("path", path)
                .param("status", status)
                .param("latency", latencyMs)
                .param("at", JdbcTime.at(at))
                .query(Long.class)
                .single();
    }
}
