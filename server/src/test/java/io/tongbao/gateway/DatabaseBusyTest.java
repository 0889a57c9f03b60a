package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst larger than the connection pool must not turn into 500s: a call that waited the whole
 * {@code connection-timeout} for a connection is answered 503 SERVICE_BUSY with Retry-After, and the same call
 * succeeds once connections are free again.
 */
@TongbaoTest
@TestPropertySource(properties = {"tongbao.db.max-pool-size=4", "tongbao.db.connection-timeout=300ms"})
class DatabaseBusyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    DataSource dataSource;

    @Test
    void whenNoDatabaseConnectionIsFreeTheCallIsAnsweredBusyAndARetrySucceeds() throws Exception {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("busy merchant"));
        TongbaoClient client = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(app.appId())
                .hmacSecret(app.secret())
                .maxRetries(0)
                .build();
        client.currentApp();

        List<Connection> held = takeEveryConnection();
        try {
            assertThatThrownBy(client::currentApp).isInstanceOfSatisfying(TongbaoException.ServerError.class, e -> {
                assertThat(e.code()).isEqualTo("SERVICE_BUSY");
                assertThat(e.getMessage()).contains("retry");
            });
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(client.currentApp().appId()).isEqualTo(app.appId());
    }

    /** Background jobs borrow connections for a moment too: keep asking until the pool is all ours. */
    private List<Connection> takeEveryConnection() {
        List<Connection> held = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                held.add(dataSource.getConnection());
            } catch (SQLException busy) {
                // a job holds one; it gives it back within milliseconds
            }
            return held.size() == 4;
        });
        return held;
    }
}
