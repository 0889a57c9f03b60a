package io.tongbao.ledger;

import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the ledger's outbox on: takes the oldest rows of {@code ledger_event}, publishes each as a
 * {@link LedgerEvents} record, and deletes them, all in one transaction. A listener that runs synchronously (the
 * webhook module's) records what it needs in that same transaction, so an event is either still in the outbox or
 * handed over, never neither; a listener that fails rolls the hand-over back and the next run tries again.
 * <p>
 * One node at a time (a transaction-scoped advisory lock; the others skip the run), in id order: ids are taken after
 * the balance rows are locked, so events of one payer account are published in the order they committed.
 */
@Component
class LedgerEventRelay {

    private static final Logger log = LoggerFactory.getLogger(LedgerEventRelay.class);
    /** Arbitrary, fixed: the advisory lock that makes this relay run on one node at a time. */
    static final long LOCK = 0x7462_6c65_6467_6572L;

    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LedgerOutbox outbox;
    private final ApplicationEventPublisher publisher;

    LedgerEventRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            LedgerOutbox outbox,
            ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    private record Row(long id, String type, String payload) {}

    @Scheduled(fixedDelayString = "${tongbao.ledger.event-relay-interval:PT0.2S}", initialDelayString = "PT1S")
    void run() {
        try {
            int relayed;
            do {
                relayed = relayBatch();
            } while (relayed == BATCH);
        } catch (RuntimeException e) {
            // the rows stay in the outbox: delayed, not lost
            log.error("ledger event relay failed; the next run retries the same events", e);
        }
    }

    /** Relays up to one batch; returns how many (0 when another node holds the relay). */
    int relayBatch() {
        Integer relayed = transactions.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                    .param("lock", LOCK)
                    .query(Boolean.class)
                    .single()) {
                return 0;
            }
            List<Row> rows = jdbc
                    .sql("""
                            delete from ledger_event where id in (select id from ledger_event order by id limit :limit)
                            returning id, type, payload""")
                    .param("limit", BATCH)
                    .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("type"), rs.getString("payload")))
                    .list()
                    .stream()
                    .sorted(Comparator.comparingLong(Row::id))
                    .toList();
            for (Row row : rows) {
                publisher.publishEvent(outbox.read(row.type(), row.payload()));
            }
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }
}
