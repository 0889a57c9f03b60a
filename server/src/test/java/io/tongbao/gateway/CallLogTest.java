package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class CallLogTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void everyCallIsRecordedWithItsOutcome() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("call log merchant"));
        TongbaoClient client = operator.sdk(app);
        client.currentApp();
        assertThatThrownBy(() -> client.app("app_missing00000000000")).isInstanceOf(TongbaoException.NotFound.class);
        TongbaoClient wrong = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(app.appId())
                .hmacSecret("sk_wrong")
                .maxRetries(0)
                .build();
        assertThatThrownBy(wrong::currentApp).isInstanceOf(TongbaoException.Authentication.class);

        // the row is written once the answer is on its way, so the test may read before the last one lands
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(app.appId()).size() == 3);
        List<Map<String, Object>> calls = calls(app.appId());
        assertThat(calls.get(0))
                .containsEntry("merchant_id", app.merchantId())
                .containsEntry("path", "/api/v1/app")
                .containsEntry("status", 200)
                .containsEntry("error_code", null);
        assertThat(calls.get(1)).containsEntry("status", 404).containsEntry("error_code", "NOT_FOUND");
        assertThat(calls.get(2))
                .containsEntry("merchant_id", null)
                .containsEntry("status", 401)
                .containsEntry("error_code", "INVALID_SIGNATURE");
        assertThat(calls)
                .allSatisfy(call -> assertThat((Integer) call.get("latency_ms")).isNotNegative());
    }

    private List<Map<String, Object>> calls(String appId) {
        return jdbc.sql("""
                        select merchant_id, path, status, error_code, latency_ms from api_call
                        where app_id = :app order by id""").param("app", appId).query().listOfRows();
    }
}
