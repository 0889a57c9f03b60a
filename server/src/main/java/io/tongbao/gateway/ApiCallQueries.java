package io.tongbao.gateway;

import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Cursor;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.time.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the console reads of the merchant-API call log ({@link CallLog}): the calls, and each app's error rate and
 * latency. Scoped: a merchant's id (a merchant user's console passes its own) or {@code null} for the operator. A
 * call that failed before its caller was known (a bad signature) has no merchant and is the operator's only: its app
 * id is only what an unauthenticated request claimed.
 */
@Service
public class ApiCallQueries {

    private static final Pattern CALL_ID = Pattern.compile("[0-9]{1,18}");
    private static final String IN_SCOPE = "(cast(:merchant as text) is null or merchant_id = :merchant)";

    private final JdbcClient jdbc;

    ApiCallQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which calls to list; all but the scope optional. {@code status} an exact HTTP status, {@code statusClass} its
     * series (2xx, 4xx, 5xx); {@code from} inclusive, {@code to} exclusive.
     */
    public record CallFilter(
            @Nullable MerchantId scope,
            @Nullable String appId,
            @Nullable String pathPrefix,
            @Nullable Integer status,
            HttpStatus.@Nullable Series statusClass,
            @Nullable Integer minLatencyMs,
            @Nullable Instant from,
            @Nullable Instant to) {

        public static CallFilter of(@Nullable MerchantId scope) {
            return new CallFilter(scope, null, null, null, null, null, null, null);
        }
    }

    public record Call(
            long id,
            String requestId,
            @Nullable String merchantId,
            @Nullable String appId,
            String method,
            String path,
            int status,
            @Nullable String errorCode,
            int latencyMs,
            Instant at) {}

    /** {@code errorRate}: 4xx and 5xx over all calls, 0 to 1. Latencies in milliseconds. */
    public record AppErrorRate(
            @Nullable String appId,
            long calls,
            long clientErrors,
            long serverErrors,
            double errorRate,
            double p50LatencyMs,
            double p95LatencyMs) {}

    /** Newest first. */
    public Page<Call> calls(CallFilter filter, PageRequest request) {
        PageRequest page = request.firstPageUnlessCursorId(ApiCallQueries::isCallId);
        String sql = """
                select id, request_id, merchant_id, app_id, method, path, status, error_code, latency_ms, created_at
                from api_call
                where %s
                  and (cast(:app as text) is null or app_id = :app)
                  and (cast(:prefix as text) is null or starts_with(path, :prefix))
                  and (cast(:status as int) is null or status = :status)
                  and (cast(:series as int) is null or status / 100 = :series)
                  and (cast(:latency as int) is null or latency_ms >= :latency)
                  and (cast(:from as timestamptz) is null or created_at >= :from)
                  and (cast(:to as timestamptz) is null or created_at < :to)
                  and %s
                order by %s limit :limit""".formatted(
                        IN_SCOPE, page.keysetCondition("created_at", "id", "bigint"), page.order("created_at", "id"));
        List<Call> calls = page.bind(jdbc.sql(sql))
                .param("merchant", scope(filter.scope()))
                .param("app", filter.appId())
                .param("prefix", filter.pathPrefix())
                .param("status", filter.status())
                .param(
                        "series",
                        filter.statusClass() == null
                                ? null
                                : filter.statusClass().value())
                .param("latency", filter.minLatencyMs())
                .param("from", JdbcTime.at(filter.from()))
                .param("to", JdbcTime.at(filter.to()))
                .query(ApiCallQueries::call)
                .list();
        return Page.of(calls, page, call -> new Cursor(call.at(), Long.toString(call.id())));
    }

    /** Per app, the calls since the given time: most calls first. */
    public List<AppErrorRate> errorRates(@Nullable MerchantId scope, Instant since) {
        return jdbc.sql("""
                        select app_id, count(*) as calls,
                               count(*) filter (where status between 400 and 499) as client_errors,
                               count(*) filter (where status >= 500) as server_errors,
                               percentile_cont(0.5) within group (order by latency_ms) as p50,
                               percentile_cont(0.95) within group (order by latency_ms) as p95
                        from api_call
                        where %s and created_at >= :since
                        group by app_id
                        order by calls desc, app_id""".formatted(IN_SCOPE))
                .param("merchant", scope(scope))
                .param("since", JdbcTime.at(since))
                .query((rs, row) -> {
                    long calls = rs.getLong("calls");
                    long clientErrors = rs.getLong("client_errors");
                    long serverErrors = rs.getLong("server_errors");
                    return new AppErrorRate(
                            rs.getString("app_id"),
                            calls,
                            clientErrors,
                            serverErrors,
                            (double) (clientErrors + serverErrors) / calls,
                            rs.getDouble("p50"),
                            rs.getDouble("p95"));
                })
                .list();
    }

    /** The ids of api_call are an identity bigint: digits that fit a long. */
    private static boolean isCallId(String id) {
        return CALL_ID.matcher(id).matches();
    }

    private static @Nullable String scope(@Nullable MerchantId scope) {
        return scope == null ? null : scope.value();
    }

    private static Call call(ResultSet rs, int row) throws SQLException {
        return new Call(
                rs.getLong("id"),
                rs.getString("request_id"),
                rs.getString("merchant_id"),
                rs.getString("app_id"),
                rs.getString("method"),
                rs.getString("path"),
                rs.getInt("status"),
                rs.getString("error_code"),
                rs.getInt("latency_ms"),
                requiredInstant(rs, "created_at"));
    }
}
