package io.tongbao.ledger;

import io.tongbao.shared.time.JdbcTime;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A single plain transfer in one statement and one round trip (autocommit): both balance rows are updated in key
 * order with the overdraft guard in the WHERE clause, the journal row and both postings are inserted from what the
 * updates returned, and the hash chain of each row advances in the same SET. If the guarded row refuses, nothing
 * downstream is written; if the second row refuses after the first changed, {@code ledger_require} raises and
 * the statement rolls back whole. A client id seen before fails the unique index and is answered from the stored
 * row. Same rows, same hashes as {@link Journal}: the auditor cannot tell the two paths apart.
 */
@Component
class FastTransfers {

    private static final int ATTEMPTS = 5;

    // :d1/:d2 are the signed changes of the rows in key order; the row paying has the negative one. Each WHERE is
    // LedgerRules.move in SQL (neither row closed, the payer allowed what it ends at), so the transfer stays one
    // statement; when it refuses, explainRefusal asks LedgerRules.move why
    private static final String TEMPLATE = """
            with first_row as (
                update ledger_balance b
                set balance = b.balance + :d1, seq = b.seq + 1,
                    head = sha256(b.head || :digest || int8send(:d1) || int8send(b.balance + :d1) || int8send(b.seq + 1))
                where b.account_id = :a1 and b.shard = :s1 and not b.closed
                  and (:d1 > 0 or b.may_go_negative or b.balance - b.frozen >= - :d1)
                returning b.account_id, b.shard, b.seq, b.balance, b.head),
            second_row as (
                update ledger_balance b
                set balance = b.balance + :d2, seq = b.seq + 1,
                    head = sha256(b.head || :digest || int8send(:d2) || int8send(b.balance + :d2) || int8send(b.seq + 1))
                from first_row
                where b.account_id = :a2 and b.shard = :s2 and not b.closed
                  and (:d2 > 0 or b.may_go_negative or b.balance - b.frozen >= - :d2)
                returning b.account_id, b.shard, b.seq, b.balance, b.head),
            transfer as (
                insert into ledger_transfer (merchant_id, client_id, kind, point_type_id, from_account, to_account,
                                             amount, reason, memo, metadata, created_at, digest)
                select :merchant, :client, 'TRANSFER', :pointType, :from, :to, :amount, :reason, :memo, :metadata,
                       :now, :digest
                from second_row
                returning id),
            postings as (
                insert into ledger_posting (account_id, shard, seq, transfer_id, amount, balance_after, reason,
                                            created_at, hash)
                select r.account_id, r.shard, r.seq, transfer.id, :d1, r.balance, :reason, :now, r.head
                from first_row r, transfer
                union all
                select r.account_id, r.shard, r.seq, transfer.id, :d2, r.balance, :reason, :now, r.head
                from second_row r, transfer)%s
            select (select id from transfer) as id,
                   ledger_require((select count(*) from first_row) = (select count(*) from second_row),
                                  'LEDGER_SECOND_ROW_REFUSED') as whole""";

    // for apps that did not subscribe to transfer events: exactly the statement the benchmarks measure
    private static final String STATEMENT = TEMPLATE.formatted("");

    // for apps that did: the outbox row rides in the same statement, written only if the transfer row is, so the
    // event commits (or rolls back) with the transfer; a data-modifying CTE runs even though nothing selects it
    private static final String STATEMENT_WITH_EVENT = TEMPLATE.formatted("""
            ,
            event as (
                insert into ledger_event (type, payload, created_at)
                select :eventType, :eventPayload, :now from transfer)""");

    private final JdbcClient jdbc;
    private final LedgerOutbox outbox;
    private final Clock clock;

    FastTransfers(JdbcClient jdbc, LedgerOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The stored transfer, or empty when its client id was used before (the caller answers from that row).
     * {@code appId}: the app whose call this is; its subscription decides whether the transfer writes an event.
     */
    Optional<StoredTransfer> transfer(String merchantId, String appId, Entry entry) {
        boolean withEvent = outbox.wantsTransfers(appId);
        for (int attempt = 1; ; attempt++) {
            Instant now = JdbcTime.toDatabasePrecision(clock.instant());
            byte[] digest = Hashes.transferDigest(
                    merchantId,
                    entry.clientId(),
                    TransferKind.TRANSFER,
                    entry.pointTypeId(),
                    entry.from().id(),
                    entry.to().id(),
                    entry.amount(),
                    entry.reason(),
                    entry.memo(),
                    entry.metadata(),
                    null,
                    now);
            BalanceRow.Key payer =
                    new BalanceRow.Key(entry.from().id(), entry.from().pickShard(ThreadLocalRandom.current()));
            BalanceRow.Key payee =
                    new BalanceRow.Key(entry.to().id(), entry.to().pickShard(ThreadLocalRandom.current()));
            boolean payerFirst = payer.compareTo(payee) < 0;
            BalanceRow.Key first = payerFirst ? payer : payee;
            BalanceRow.Key second = payerFirst ? payee : payer;
            long amount = entry.amount();
            try {
                // nullable values carry their SQL type: an untyped null makes Spring ask the driver for the
                // parameter's type, which costs PostgreSQL a round trip on every call
                JdbcClient.StatementSpec statement = jdbc.sql(withEvent ? STATEMENT_WITH_EVENT : STATEMENT);
                if (withEvent) {
                    LedgerOutbox.Pending event = outbox.transferPosted(merchantId, appId, entry, now);
                    statement = statement.param("eventType", event.type()).param("eventPayload", event.payload());
                }
                Long id = statement
                        .param("a1", first.accountId())
                        .param("s1", first.shard())
                        .param("d1", payerFirst ? -amount : amount)
                        .param("a2", second.accountId())
                        .param("s2", second.shard())
                        .param("d2", payerFirst ? amount : -amount)
                        .param("digest", digest)
                        .param("merchant", merchantId)
                        .param("client", entry.clientId())
                        .param("pointType", entry.pointTypeId())
                        .param("from", entry.from().id())
                        .param("to", entry.to().id())
                        .param("amount", amount)
                        .param("reason", entry.reason())
                        .param("memo", entry.memo(), Types.VARCHAR)
                        .param("metadata", entry.metadata(), Types.VARCHAR)
                        .param("now", JdbcTime.at(now))
                        .query((row, n) -> {
                            long value = row.getLong("id");
                            return row.wasNull() ? null : value;
                        })
                        .list()
                        .get(0);
                if (id != null) {
                    return Optional.of(new StoredTransfer(
                            id,
                            merchantId,
                            entry.clientId(),
                            TransferKind.TRANSFER,
                            entry.pointTypeId(),
                            entry.from().id(),
                            entry.to().id(),
                            amount,
                            entry.reason(),
                            entry.memo(),
                            entry.metadata(),
                            null,
                            null,
                            now,
                            digest));
                }
            } catch (DuplicateKeyException replay) {
                return Optional.empty();
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == ATTEMPTS) {
                    throw LedgerErrors.conflictingBalance().exception();
                }
                continue;
            } catch (DataAccessException e) {
                if (sqlState(e).equals("22003")) {
                    throw LedgerErrors.overflow().exception();
                }
                if (!sqlState(e).equals("LG001")) {
                    throw e;
                }
            }
            if (alreadyWritten(merchantId, entry.clientId())) {
                // a retry of a transfer that applied earlier: answered from its row even if it would not fit now
                return Optional.empty();
            }
            explainRefusal(entry, payer, payee);
            if (attempt == ATTEMPTS) {
                throw LedgerErrors.conflictingBalance().exception();
            }
        }
    }

    private boolean alreadyWritten(String merchantId, String clientId) {
        return jdbc.sql(
                        "select exists (select 1 from ledger_transfer where merchant_id = :merchant and client_id = :client)")
                .param("merchant", merchantId)
                .param("client", clientId)
                .query(Boolean.class)
                .single();
    }

    /** LG001: ledger_require refused the second row; 22003: a balance would overflow 64 bits. */
    private static String sqlState(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
                ? sql.getSQLState()
                : "";
    }

    /**
     * Reads both rows and asks the rules why the guarded update refused; returns when they would now allow it (a
     * race: retry).
     */
    private void explainRefusal(Entry entry, BalanceRow.Key payerKey, BalanceRow.Key payeeKey) {
        LedgerRules.move(
                        entry.from().publicId(),
                        read(payerKey).state(),
                        entry.to().publicId(),
                        read(payeeKey).state(),
                        entry.amount(),
                        0)
                .orThrow();
    }

    private BalanceRow read(BalanceRow.Key key) {
        return jdbc.sql("select * from ledger_balance where account_id = :account and shard = :shard")
                .param("account", key.accountId())
                .param("shard", key.shard())
                .query(Journal::balanceRow)
                .optional()
                .orElseThrow(() ->
                        new IllegalStateException("account " + key.accountId() + " has no balance row " + key.shard()));
    }
}
