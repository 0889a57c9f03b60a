package io.tongbao.gateway;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Nonces seen inside the timestamp window, in the database so that a replay is caught whichever node it
 * reaches. A nonce is kept twice the window, longer than any timestamp that could still pass.
 */
@Component
class NonceStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    NonceStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time; false when the nonce was already used by this app. */
    boolean spend(String appId, String nonce, OffsetDateTime keepUntil) {
        return jdbc.sql(
                                "insert into api_nonce (app_id, nonce, expires_at) values (:app, :nonce, :until) on conflict do nothing")
                        .param("app", appId)
                        .param("nonce", nonce)
                        .param("until", keepUntil)
                        .update()
                == 1;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void forgetExpired() {
        jdbc.sql("delete from api_nonce where expires_at < :now")
                .param("now", OffsetDateTime.now(clock))
                .update();
    }
}
