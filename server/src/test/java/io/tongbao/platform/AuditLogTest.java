package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.web.MerchantCaller;
import io.tongbao.support.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log wired by hand on a database of the platform's schema alone: one unbroken chain under concurrent
 * appends, entries that live and die with the caller's transaction, no update or delete, tampering found, secrets
 * masked at any depth, who and from where taken from the request.
 */
class AuditLogTest {

    private static final HikariDataSource DATA_SOURCE =
            TestDatabase.freshDataSource(10, "classpath:db/migration/platform");

    private final JdbcClient jdbc = JdbcClient.create(DATA_SOURCE);
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private final AuditRecorder trail = new AuditRecorder(jdbc, json, Clock.systemUTC());
    private final AuditLog log = new AuditLog(jdbc, json);
    private final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));

    @BeforeEach
    void emptyLog() {
        // the test's own way around the trigger: the application never disables it
        jdbc.sql("alter table audit_entry disable trigger user").update();
        jdbc.sql("delete from audit_entry").update();
        jdbc.sql("alter table audit_entry enable trigger user").update();
        jdbc.sql("update audit_chain set seq = 0, head = sha256(convert_to('tongbao:audit', 'UTF8'))")
                .update();
    }

    @AfterEach
    void forgetCaller() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @AfterAll
    static void close() {
        DATA_SOURCE.close();
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int writer = thread;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int n = i;
                        transactions.executeWithoutResult(
                                status -> trail.record("test.appended", "writer", "w" + writer, null, Map.of("n", n)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(log.verify()).isEqualTo(new ChainVerification(true, 400, null, null));
        assertThat(jdbc.sql("select seq from audit_entry order by seq")
                        .query(Long.class)
                        .list())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 400).boxed().toList());
    }

    @Test
    void anEntryCommitsAndRollsBackWithTheChange() {
        jdbc.sql("create table if not exists audited_thing (name text primary key)")
                .update();
        jdbc.sql("delete from audited_thing").update();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    jdbc.sql("insert into audited_thing values ('lost')").update();
                    trail.record("thing.created", "thing", "lost", null, Map.of("name", "lost"));
                    throw new IllegalStateException("the change fails after it was recorded");
                }))
                .isInstanceOf(IllegalStateException.class);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into audited_thing values ('kept')").update();
            trail.record("thing.created", "thing", "kept", null, Map.of("name", "kept"));
        });

        assertThat(jdbc.sql("select name from audited_thing")
                        .query(String.class)
                        .list())
                .containsExactly("kept");
        assertThat(log.list(AuditQuery.newest(10)).entries())
                .extracting(AuditEntry::targetId)
                .containsExactly("kept");
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void entriesCannotBeUpdatedDeletedOrTruncated() {
        trail.record("test.appended", "thing", "t1", null, Map.of("n", 1));

        assertThatThrownBy(() ->
                        jdbc.sql("update audit_entry set actor = 'mallory'").update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry").update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(log.list(AuditQuery.newest(10)).entries())
                .singleElement()
                .extracting(AuditEntry::actor)
                .isEqualTo("system");
    }

    @Test
    void verifyReportsTheFirstEntryWhoseContentWasChanged() {
        for (int i = 1; i <= 5; i++) {
            trail.record("test.appended", "thing", "t" + i, null, Map.of("amount", i));
        }
        assertThat(log.verify()).isEqualTo(new ChainVerification(true, 5, null, null));

        tamper("update audit_entry set after = '{\"amount\": 300}' where seq = 3");

        ChainVerification verification = log.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAtSeq()).isEqualTo(3);
        assertThat(verification.entries()).isEqualTo(2);
        assertThat(verification.reason()).contains("content changed");
    }

    @Test
    void verifyReportsARemovedEntryAndARemovedTail() {
        for (int i = 1; i <= 5; i++) {
            trail.record("test.appended", "thing", "t" + i, null, null);
        }

        tamper("delete from audit_entry where seq = 5");
        assertThat(log.verify().brokenAtSeq()).isEqualTo(5);
        assertThat(log.verify().reason()).contains("entries removed");

        tamper("delete from audit_entry where seq = 2");
        assertThat(log.verify().brokenAtSeq()).isEqualTo(2);
        assertThat(log.verify().reason()).contains("entry missing");
    }

    @Test
    void noSecretReachesTheTableAtAnyDepth() {
        Map<String, Object> after = Map.of(
                "name",
                "visible name",
                "app",
                Map.of("credentials", List.of(Map.of("hmac_secret", "sk_NESTED_LEAK", "version", 2))),
                "password",
                "pw_LEAK",
                "apiKey",
                "api_LEAK",
                "totp_seed",
                "totp_LEAK",
                "pem",
                "-----BEGIN PRIVATE KEY-----PEM_LEAK-----END PRIVATE KEY-----");
        trail.record(
                "test.secrets",
                "thing",
                "s1",
                Map.of("merchant_private_key", "key_LEAK", "hmac_secret_version", 3),
                after);

        String stored = jdbc.sql("select concat(before::text, after::text) from audit_entry")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain("LEAK").contains("visible name").contains("***");
        AuditEntry entry = log.list(AuditQuery.newest(1)).entries().getFirst();
        assertThat(entry.after().get("password").asString()).isEqualTo("***");
        assertThat(entry.after().get("app").get("credentials").asString()).isEqualTo("***");
        assertThat(entry.after().get("pem").asString()).isEqualTo("***");
        assertThat(entry.before().get("merchant_private_key").asString()).isEqualTo("***");
        assertThat(entry.before().get("hmac_secret_version").asInt()).isEqualTo(3);
    }

    @Test
    void theActorIsTheAuthenticatedUserTheSignedAppOrAnExplicitOne() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken("alice", null, "ROLE_OPERATOR", "SCOPE_x"));
        trail.record(AuditChange.of("merchant.suspended", "merchant", "mch_1").merchant("mch_1"));

        SecurityContextHolder.clearContext();
        new MerchantCaller("mch_2", "app_2").bindTo(request);
        trail.record("app.webhook_event_types.set", "app", "app_2", null, null);

        trail.recordAs("bob", "198.51.100.2", "login.failed", "user", "bob");

        List<AuditEntry> entries = log.list(AuditQuery.newest(10)).entries();
        assertThat(entries)
                .extracting(AuditEntry::actor, AuditEntry::actorRole, AuditEntry::source, AuditEntry::merchantId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bob", null, "198.51.100.2", null),
                        org.assertj.core.groups.Tuple.tuple("app:app_2", null, "203.0.113.7", "mch_2"),
                        org.assertj.core.groups.Tuple.tuple("alice", "ROLE_OPERATOR", "203.0.113.7", "mch_1"));
    }

    @Test
    void listsNewestFirstFilteredAndPagedBySeq() {
        for (int i = 1; i <= 7; i++) {
            trail.record(AuditChange.of(i % 2 == 0 ? "app.suspended" : "app.activated", "app", "app_" + i)
                    .merchant(i <= 5 ? "mch_a" : "mch_b"));
        }

        AuditPage first = log.list(AuditQuery.newest(2).merchant("mch_a"));
        assertThat(first.entries()).extracting(AuditEntry::seq).containsExactly(5L, 4L);
        AuditPage second = log.list(AuditQuery.newest(2).merchant("mch_a").before(first.nextBeforeSeq()));
        assertThat(second.entries()).extracting(AuditEntry::seq).containsExactly(3L, 2L);
        AuditPage last = log.list(AuditQuery.newest(2).merchant("mch_a").before(second.nextBeforeSeq()));
        assertThat(last.entries()).extracting(AuditEntry::seq).containsExactly(1L);
        assertThat(last.nextBeforeSeq()).isNull();

        assertThat(log.list(AuditQuery.newest(10).action("app.suspended")).entries())
                .extracting(AuditEntry::targetId)
                .containsExactly("app_6", "app_4", "app_2");
        assertThat(log.list(AuditQuery.newest(10).target("app", "app_7")).entries())
                .singleElement()
                .extracting(AuditEntry::merchantId)
                .isEqualTo("mch_b");
    }

    /** As a superuser who gets around the trigger would. */
    private void tamper(String sql) {
        jdbc.sql("alter table audit_entry disable trigger user").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("alter table audit_entry enable trigger user").update();
        }
    }
}
