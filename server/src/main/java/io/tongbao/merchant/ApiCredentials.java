package io.tongbao.merchant;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the signature check needs to know about the app a request claims, in one query. */
@Component
class ApiCredentials {

    private final JdbcClient jdbc;

    ApiCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Caller(String appId, String merchantId, SignType signType, Status appStatus, Status merchantStatus,
                  String merchantPublicKey) {
    }

    Optional<Caller> caller(String appId) {
        return jdbc.sql("""
                        select a.id, a.merchant_id, a.sign_type, a.status, m.status, a.merchant_public_key
                        from app a join merchant m on m.id = a.merchant_id where a.id = :id""")
                .param("id", appId)
                .query((rs, row) -> new Caller(rs.getString(1), rs.getString(2), SignType.valueOf(rs.getString(3)),
                        Status.valueOf(rs.getString(4)), Status.valueOf(rs.getString(5)), rs.getString(6)))
                .optional();
    }
}
