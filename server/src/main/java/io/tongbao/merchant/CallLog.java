package io.tongbao.merchant;

import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One row per merchant API call: who, what, how it ended, how long it took. Never a body or a header value. */
@Component
class CallLog {

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);

    private final JdbcClient jdbc;

    CallLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Call(String requestId, String merchantId, String appId, String method, String path, int status,
                String errorCode, int latencyMs, OffsetDateTime at) {
    }

    void record(Call call) {
        try {
            jdbc.sql("""
                            insert into api_call (request_id, merchant_id, app_id, method, path, status, error_code,
                                                  latency_ms, created_at)
                            values (:request, :merchant, :app, :method, :path, :status, :code, :latency, :at)""")
                    .param("request", call.requestId()).param("merchant", call.merchantId())
                    .param("app", truncate(call.appId(), 64)).param("method", call.method())
                    .param("path", truncate(call.path(), 512)).param("status", call.status())
                    .param("code", call.errorCode()).param("latency", call.latencyMs()).param("at", call.at())
                    .update();
        } catch (RuntimeException e) {
            // the call itself has been answered; losing its log row must not turn it into an error
            log.warn("could not record API call {}: {}", call.requestId(), e.getMessage());
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
