package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

@TongbaoTest
@TestPropertySource(properties = {"tongbao.api.burst=5", "tongbao.api.requests-per-second=1"})
class RateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void anAppOverItsLimitGets429WhileAnotherAppIsUnaffected() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("busy merchant");
        TongbaoClient busy = operator.sdk(operator.createHmacApp(merchant));
        TongbaoClient quiet = operator.sdk(operator.createHmacApp(merchant));

        int accepted = 0;
        TongbaoException.RateLimited limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            try {
                busy.currentApp();
                accepted++;
            } catch (TongbaoException.RateLimited e) {
                limited = e;
            }
        }

        assertThat(limited).isNotNull();
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(accepted).isBetween(5, 7);
        assertThat(quiet.currentApp()).isNotNull();
    }
}
