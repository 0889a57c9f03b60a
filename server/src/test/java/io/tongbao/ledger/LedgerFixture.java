package io.tongbao.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.tongbao.shared.event.EventSubscriptions;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.MerchantCaller;
import io.tongbao.support.MutableClock;
import io.tongbao.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger module alone, wired by hand on a database of its own (real PostgreSQL, the ledger's migrations only),
 * with a clock the test moves. For module-level and property tests that need no HTTP and no Spring context.
 */
final class LedgerFixture implements AutoCloseable {

    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    final Ledger ledger;
    final LedgerAuditor auditor;
    final HoldExpiry expiry;
    final TransactionTemplate transactions;
    final LedgerOutbox outbox;
    /** Apps subscribed to ledger.transfer.posted: a test adds its app to see transfer events. */
    final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    private final EventSubscriptions subscriptions = (appId, type) -> subscribed.contains(appId);

    private LedgerFixture(int issuerShards, int poolSize) {
        dataSource = TestDatabase.freshDataSource(poolSize, "classpath:db/migration/ledger");
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(transactionManager);
        LedgerProperties properties = new LedgerProperties(issuerShards, Duration.ofSeconds(1), 200);
        Catalog catalog = new Catalog(jdbc, transactions, clock, properties);
        EntryFactory entries = new EntryFactory(catalog, JsonMapper.builder().build(), clock);
        outbox = new LedgerOutbox(jdbc, JsonMapper.builder().build(), () -> subscriptions);
        Journal journal = new Journal(jdbc, transactions, outbox, clock);
        ledger = new Ledger(
                catalog,
                entries,
                journal,
                new FastTransfers(jdbc, outbox, clock),
                new LedgerQueries(jdbc, catalog, entries));
        auditor = new LedgerAuditor(dataSource, transactionManager, clock);
        expiry = new HoldExpiry(jdbc, journal, entries, clock, properties);
    }

    static LedgerFixture start() {
        return new LedgerFixture(8, 12);
    }

    static LedgerFixture start(int issuerShards, int poolSize) {
        return new LedgerFixture(issuerShards, poolSize);
    }

    static MerchantCaller newMerchant() {
        return new MerchantCaller(Ids.next("mch"), Ids.next("app"));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
