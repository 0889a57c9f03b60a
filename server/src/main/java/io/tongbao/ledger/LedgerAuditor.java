package io.tongbao.ledger;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the ledger's invariants on one consistent snapshot (a read-only REPEATABLE READ transaction), while
 * writers go on: per point type the balances sum to zero; every balance row equals the sum of its postings, its
 * sequence their count and its head their last hash; every posting's hash chains from the one before; frozen equals
 * the open holds; nothing without the negative flag is below zero; every moving transfer has exactly its two legs;
 * every transfer's content still matches its digest. Runnable by anyone: {@link #audit()}, the operator endpoint
 * {@code GET /api/operator/ledger/audit}, and the end of every ledger test and benchmark.
 */
@Service
public class LedgerAuditor {

    private static final int MAX_REPORTED = 100;
    private static final String GENESIS =
            "sha256(convert_to('tongbao:' || %1$s.account_id || ':' || %1$s.shard, 'UTF8'))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    LedgerAuditor(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2000);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.clock = clock;
    }

    public AuditReport audit() {
        return snapshot.execute(status -> {
            List<String> violations = new ArrayList<>();
            check(violations, "point type %s: balances sum to %s, not 0", """
                    select a.point_type_id, sum(b.balance) from ledger_balance b
                    join ledger_account a on a.id = b.account_id
                    group by a.point_type_id having sum(b.balance) <> 0""");
            check(
                    violations,
                    "account %s shard %s: balance %s, seq %s, but postings sum to %s in %s rows up to seq %s",
                    """
                    select coalesce(b.account_id, p.account_id), coalesce(b.shard, p.shard), b.balance, b.seq,
                           p.total, p.n, p.max_seq
                    from ledger_balance b
                    full join (select account_id, shard, sum(amount) as total, count(*) as n, max(seq) as max_seq
                               from ledger_posting group by account_id, shard) p
                      on p.account_id = b.account_id and p.shard = b.shard
                    where b.balance is distinct from coalesce(p.total, 0) or b.seq is distinct from coalesce(p.n, 0)
                       or b.seq is distinct from coalesce(p.max_seq, 0)""");
            check(violations, "account %s shard %s: head is not the hash of its last posting", """
                    select b.account_id, b.shard from ledger_balance b
                    left join ledger_posting p on p.account_id = b.account_id and p.shard = b.shard and p.seq = b.seq
                    where b.head <> coalesce(p.hash, %s)""".formatted(
                            GENESIS.formatted("b")));
            check(
                    violations,
                    "account %s shard %s: posting %s breaks the chain (edited, deleted or out of order)",
                    """
                    select account_id, shard, seq from (
                        select p.account_id, p.shard, p.seq, p.amount, p.balance_after, p.hash, t.digest,
                               lag(p.hash) over w as prev_hash, lag(p.seq) over w as prev_seq,
                               sum(p.amount) over w as running
                        from ledger_posting p left join ledger_transfer t on t.id = p.transfer_id
                        window w as (partition by p.account_id, p.shard order by p.seq)) c
                    where c.digest is null or c.seq <> coalesce(c.prev_seq, 0) + 1 or c.running <> c.balance_after
                       or c.hash <> sha256(coalesce(c.prev_hash, %s) || c.digest || int8send(c.amount)
                                           || int8send(c.balance_after) || int8send(c.seq))""".formatted(GENESIS.formatted("c")));
            check(violations, "account %s shard %s: frozen %s, but open holds total %s", """
                    select b.account_id, b.shard, b.frozen, coalesce(h.total, 0) from ledger_balance b
                    left join (select from_account, from_shard, sum(amount) as total from ledger_hold
                               where status = 'PENDING' group by from_account, from_shard) h
                      on h.from_account = b.account_id and h.from_shard = b.shard
                    where b.frozen <> coalesce(h.total, 0)""");
            check(violations, "account %s shard %s: balance %s, frozen %s: below zero without the negative flag", """
                    select b.account_id, b.shard, b.balance, b.frozen from ledger_balance b
                    join ledger_account a on a.id = b.account_id
                    where b.may_go_negative <> a.may_go_negative
                       or (not a.may_go_negative and (b.balance - b.frozen < 0 or b.balance < 0))""");
            check(violations, "transfer %s of merchant %s (%s): postings do not match its legs", """
                    with legs as (
                        select p.transfer_id, count(*) as n,
                               count(*) filter (where p.account_id = t.from_account and p.amount = -t.amount) as debits,
                               count(*) filter (where p.account_id = t.to_account and p.amount = t.amount) as credits
                        from ledger_posting p join ledger_transfer t on t.id = p.transfer_id
                        group by p.transfer_id)
                    select t.client_id, t.merchant_id, t.kind from ledger_transfer t
                    left join legs l on l.transfer_id = t.id
                    where (t.kind in ('TRANSFER', 'POST', 'REVERSAL')
                           and (l.n is distinct from 2 or l.debits <> 1 or l.credits <> 1))
                       or (t.kind not in ('TRANSFER', 'POST', 'REVERSAL') and l.n is not null)""");
            check(violations, "hold %s: journal row and hold row disagree", """
                    select coalesce(t.client_id, h.transfer_id::text) from ledger_transfer t
                    full join ledger_hold h on h.transfer_id = t.id
                    where (t.kind = 'HOLD' or h.transfer_id is not null)
                      and (t.id is null or h.transfer_id is null or t.kind <> 'HOLD' or h.amount <> t.amount
                           or h.from_account <> t.from_account or h.to_account <> t.to_account)""");
            long[] transfers = {0};
            jdbc.query(StoredTransfer.SELECT, (ResultSet row) -> {
                transfers[0]++;
                StoredTransfer transfer = StoredTransfer.row(row, 0);
                if (!transfer.digestMatches() && violations.size() < MAX_REPORTED * 8) {
                    violations.add("transfer " + transfer.clientId() + " of merchant " + transfer.merchantId()
                            + ": content does not match its digest (edited)");
                }
            });
            MessageDigest root = Hashes.sha256();
            long[] balanceRows = {0};
            jdbc.query(
                    "select account_id, shard, seq, head from ledger_balance order by account_id, shard",
                    (ResultSet row) -> {
                        balanceRows[0]++;
                        root.update(ByteBuffer.allocate(20)
                                .putLong(row.getLong(1))
                                .putInt(row.getInt(2))
                                .putLong(row.getLong(3))
                                .array());
                        root.update(row.getBytes(4));
                    });
            long postings = Objects.requireNonNull(
                    jdbc.queryForObject("select count(*) from ledger_posting", Long.class), "count(*) is never null");
            return new AuditReport(
                    violations.isEmpty(),
                    List.copyOf(violations),
                    transfers[0],
                    postings,
                    balanceRows[0],
                    HexFormat.of().formatHex(root.digest()),
                    clock.instant());
        });
    }

    private void check(List<String> violations, String message, String sql) {
        jdbc.query(sql + " limit " + MAX_REPORTED, (ResultSet row) -> {
            violations.add(message.formatted(columns(row)));
        });
    }

    private static Object[] columns(ResultSet row) throws SQLException {
        Object[] values = new Object[row.getMetaData().getColumnCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.getObject(i + 1);
        }
        return values;
    }
}
