package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.support.MutableClock;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.TestEndpoints;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, item 7: password guessing against the operator API is held back before any hash is computed, a name is
 * locked after repeated failures (in the database, for every node), and the lock passes with time (the injected
 * clock). Each test speaks from a loopback address of its own, so that the per-source budgets do not mix. On a
 * database of its own: this context's clock runs ahead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import({TestEndpoints.class, OperatorLoginThrottleTest.Counting.class})
@TestPropertySource(
        properties = {
            "tongbao.operator-login.max-failures=10",
            "tongbao.operator-login.failures-per-user=10",
            "tongbao.operator-login.failures-per-source=30",
            "tongbao.operator-login.failure-refill=1m",
            "tongbao.operator-login.lockout=15m"
        })
class OperatorLoginThrottleTest {

    static final MutableClock CLOCK = new MutableClock();
    static final AtomicInteger HASH_CHECKS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @BeforeEach
    void startWithFullBudgets() {
        // every budget refilled and every lock from an earlier test passed
        CLOCK.advance(Duration.ofHours(1));
    }

    @Test
    void sixtyWrongPasswordsLockTheNameSoThatTheRightOneIsRefusedUntilTheLockPasses() throws Exception {
        String user = newOperator("right-password-123");
        HttpClient attacker = from("127.0.0.21");
        int hashesBefore = HASH_CHECKS.get();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(me(attacker, user, "wrong-" + i).statusCode());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 60)).containsOnly(429);
        assertThat(HASH_CHECKS.get() - hashesBefore).as("passwords hashed").isEqualTo(10);
        HttpResponse<String> right = me(attacker, user, "right-password-123");
        assertThat(right.statusCode()).isEqualTo(429);

        // the budgets refill within minutes; the lock stays, from any address, since it lives in the database
        CLOCK.advance(Duration.ofMinutes(2));
        HttpResponse<String> stillLocked = me(from("127.0.0.24"), user, "right-password-123");
        assertThat(stillLocked.statusCode()).isEqualTo(429);
        assertThat(stillLocked.body()).contains("\"code\":\"LOGIN_LOCKED\"").contains("\"request_id\"");
        assertThat(Long.parseLong(
                        stillLocked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(700L, 13 * 60L);
        assertThat(jdbc.sql("select failures from operator_login_failure where username = :u")
                        .param("u", user)
                        .query(Integer.class)
                        .single())
                .isEqualTo(10);

        CLOCK.advance(Duration.ofMinutes(14));
        assertThat(me(attacker, user, "right-password-123").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from operator_login_failure where username = :u")
                        .param("u", user)
                        .query(Integer.class)
                        .single())
                .as("a success ends the run of failures")
                .isZero();
    }

    @Test
    void aFloodOfWrongPasswordsFromOneSourceIsRefusedWithoutHashingOnceItsBudgetIsSpent() throws Exception {
        HttpClient attacker = from("127.0.0.22");
        int hashesBefore = HASH_CHECKS.get();
        long started = System.nanoTime();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // a new name each time: only the per-source budget can stop this
            answers.add(me(attacker, "guess-" + i + "-" + System.nanoTime(), "wrong"));
        }

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        List<HttpResponse<String>> refused =
                answers.stream().filter(answer -> answer.statusCode() != 401).toList();
        int failed = answers.size() - refused.size();
        assertThat(answers.subList(0, 30))
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(401));
        // the budget of 30, plus what refilled (30 a minute) while the flood ran: hashing is slow
        assertThat(failed).isBetween(30, 30 + (int) (seconds / 2) + 1);
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(429);
            assertThat(answer.body()).contains("\"code\":\"LOGIN_THROTTLED\"");
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(HASH_CHECKS.get() - hashesBefore)
                .as("passwords hashed: one per 401, none for a 429")
                .isEqualTo(failed);

        String user = newOperator("other-password-456");
        assertThat(me(from("127.0.0.23"), user, "other-password-456").statusCode())
                .as("an operator elsewhere is not held back")
                .isEqualTo(200);
    }

    @Test
    void aRecentSuccessfulLoginIsRecognisedWithoutHashingAgain() throws Exception {
        String user = newOperator("script-password-789");
        HttpClient script = from("127.0.0.25");
        assertThat(me(script, user, "script-password-789").statusCode()).isEqualTo(200);
        int hashesBefore = HASH_CHECKS.get();

        for (int i = 0; i < 20; i++) {
            assertThat(me(script, user, "script-password-789").statusCode()).isEqualTo(200);
        }

        assertThat(HASH_CHECKS.get() - hashesBefore).isZero();
        assertThat(me(script, user, "script-password-78").statusCode()).isEqualTo(401);
    }

    private String newOperator(String password) {
        String user = "op-" + System.nanoTime();
        jdbc.sql(
                        "insert into console_user (username, password_hash, created_at, password_changed_at, kind, role) values (:u, :h, :now, :now, 'OPERATOR', 'ADMIN')")
                .param("u", user)
                .param("h", passwords.encode(password))
                .param("now", OffsetDateTime.now())
                .update();
        return user;
    }

    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .build();
    }

    private HttpResponse<String> me(HttpClient http, String user, String password) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/operator/me"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

        /** The application's encoder, counting the password checks: a refused login must not reach it. */
        @Bean
        @Primary
        PasswordEncoder countingPasswordEncoder() {
            PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            return new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return real.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    HASH_CHECKS.incrementAndGet();
                    return real.matches(raw, encoded);
                }
            };
        }
    }
}
