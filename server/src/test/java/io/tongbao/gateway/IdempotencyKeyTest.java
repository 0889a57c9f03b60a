package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TestEndpoints;
import io.tongbao.support.TestEndpoints.Done;
import io.tongbao.support.TestEndpoints.Work;
import io.tongbao.support.TongbaoTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class IdempotencyKeyTest {

    static final String PATH = "/api/v1/test/work";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    OperatorClient operator;
    OperatorClient.HmacApp app;
    TongbaoClient client;

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        app = operator.createHmacApp(operator.createMerchant("idempotency merchant"));
        client = operator.sdk(app);
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseWithoutRunningAgain() {
        Work work = new Work(unique(), false, null);
        String key = UUID.randomUUID().toString();

        Done first = client.post(PATH, work, key, Done.class);
        Done second = client.post(PATH, work, key, Done.class);

        assertThat(second).isEqualTo(first);
        assertThat(first.execution()).isEqualTo(1);
        assertThat(executions(work)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        client.post(PATH, new Work(unique(), false, null), key, Done.class);

        assertThatThrownBy(() -> client.post(PATH, new Work(unique(), false, null), key, Done.class))
                .isInstanceOf(TongbaoException.Conflict.class)
                .extracting("code")
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aSecondRequestWhileTheFirstIsRunningIsToldSoAndTheFirstResultIsKept() throws Exception {
        String gate = unique();
        Work work = new Work(unique(), false, gate);
        String key = UUID.randomUUID().toString();
        CountDownLatch entered = TestEndpoints.ENTERED.computeIfAbsent(gate, g -> new CountDownLatch(1));
        CompletableFuture<Done> first = CompletableFuture.supplyAsync(() -> client.post(PATH, work, key, Done.class));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> client.post(PATH, work, key, Done.class))
                .isInstanceOf(TongbaoException.Conflict.class)
                .extracting("code")
                .isEqualTo("REQUEST_IN_PROGRESS");

        TestEndpoints.GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();
        Done done = first.get(10, TimeUnit.SECONDS);
        assertThat(client.post(PATH, work, key, Done.class)).isEqualTo(done);
        assertThat(executions(work)).isEqualTo(1);
    }

    @Test
    void manyConcurrentRequestsWithOneKeyRunTheHandlerOnce() throws Exception {
        Work work = new Work(unique(), false, null);
        String key = UUID.randomUUID().toString();
        AtomicInteger inProgress = new AtomicInteger();
        List<Future<Done>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return client.post(PATH, work, key, Done.class);
                    } catch (TongbaoException.Conflict e) {
                        assertThat(e.code()).isEqualTo("REQUEST_IN_PROGRESS");
                        inProgress.incrementAndGet();
                        return null;
                    }
                }));
            }
            start.countDown();
            for (Future<Done> result : results) {
                Done done = result.get(30, TimeUnit.SECONDS);
                if (done != null) {
                    assertThat(done.execution()).isEqualTo(1);
                }
            }
        }
        assertThat(executions(work)).isEqualTo(1);
        assertThat(inProgress.get()).isLessThan(16);
    }

    @Test
    void afterAServerErrorTheKeyIsFreeForAnHonestRetry() {
        Work failing = new Work(unique(), true, null);
        String key = UUID.randomUUID().toString();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> client.post(PATH, failing, key, Done.class))
                    .isInstanceOf(TongbaoException.ServerError.class)
                    .hasMessageNotContaining("sk_should_not_leak")
                    .extracting("code")
                    .isEqualTo("INTERNAL_ERROR");
        }
        assertThat(executions(failing)).isEqualTo(2);
    }

    @Test
    void aKeyPastItsRetentionIsFreeForANewRequest() {
        String key = UUID.randomUUID().toString();
        Work first = new Work(unique(), false, null);
        client.post(PATH, first, key, Done.class);
        jdbc.sql(
                        "update api_idempotency set expires_at = now() - interval '1 second' where app_id = :app and idempotency_key = :key")
                .param("app", app.appId())
                .param("key", key)
                .update();

        Work second = new Work(unique(), false, null);
        Done done = client.post(PATH, second, key, Done.class);

        assertThat(done.execution()).isEqualTo(1);
        assertThat(executions(second)).isEqualTo(1);
        assertThat(client.post(PATH, second, key, Done.class)).isEqualTo(done);
        assertThat(executions(second)).isEqualTo(1);
    }

    @Test
    void keysBelongToOneApp() {
        TongbaoClient otherApp = operator.sdk(operator.createHmacApp(app.merchantId()));
        Work work = new Work(unique(), false, null);
        String key = UUID.randomUUID().toString();

        client.post(PATH, work, key, Done.class);
        otherApp.post(PATH, work, key, Done.class);

        assertThat(executions(work)).isEqualTo(2);
    }

    private static int executions(Work work) {
        return TestEndpoints.EXECUTIONS
                .getOrDefault(work.name(), new AtomicInteger())
                .get();
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
