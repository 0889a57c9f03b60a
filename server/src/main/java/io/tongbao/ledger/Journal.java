package io.tongbao.ledger;

import io.tongbao.shared.time.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes entries of any kind in one transaction: checks client ids, locks the holds and then the balance rows
 * involved in one ordered statement (so two journals never deadlock), applies every entry in memory with checked
 * arithmetic, and writes transfers, postings and balances with one array statement each. Used for batches, holds,
 * reversals, conversions and expiry; single plain transfers take the one-statement path of {@link FastTransfers}.
 */
@Component
class Journal {

    private static final HexFormat HEX = HexFormat.of();
    private static final int ATTEMPTS = 5;
    private static final String HOLD_NAMED = "an entry resolving a hold names it";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LedgerOutbox outbox;
    private final Clock clock;

    Journal(JdbcClient jdbc, TransactionTemplate transactions, LedgerOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * One outcome per entry, in order. Linked: all applied (or replayed), or none written. {@code appId}: the app
     * whose call this is (null for the expiry job: an expiry belongs to the app that created the hold).
     */
    List<Outcome> apply(String merchantId, @Nullable String appId, List<Entry> entries, boolean linked) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(merchantId, appId, entries, linked);
            } catch (LinkedFailure failure) {
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    outcomes.add(
                            new Outcome.Failed(i == failure.index ? failure.refusal : LedgerErrors.linkedFailed()));
                }
                return outcomes;
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                // a concurrent request took one of the client ids (or reversed the same transfer): the next
                // attempt sees its row and answers as a replay or a refusal
                if (attempt == ATTEMPTS) {
                    throw LedgerErrors.conflictingBalance().exception();
                }
            }
        }
    }

    private List<Outcome> attempt(String merchantId, @Nullable String appId, List<Entry> entries, boolean linked) {
        Instant now = JdbcTime.toDatabasePrecision(clock.instant());
        return transactions.execute(status -> {
            Outcome[] outcomes = new Outcome[entries.size()];
            List<Integer> pending = checkClientIds(merchantId, entries, linked, outcomes);
            if (pending.isEmpty()) {
                return List.of(outcomes);
            }
            Map<Long, HoldState> holds = lockHolds(entries, pending);
            Set<Long> reversed = alreadyReversed(entries, pending);
            Map<Long, Integer> shards = new HashMap<>();
            Map<BalanceRow.Key, BalanceRow> rows = lockBalances(keys(entries, pending, holds, shards));

            List<Written> written = new ArrayList<>();
            List<BalanceRow.Posting> postings = new ArrayList<>();
            for (int i : pending) {
                Entry entry = entries.get(i);
                try {
                    byte[] digest = Hashes.transferDigest(
                            merchantId,
                            entry.clientId(),
                            entry.kind(),
                            entry.pointTypeId(),
                            entry.from().id(),
                            entry.to().id(),
                            entry.amount(),
                            entry.reason(),
                            entry.memo(),
                            entry.metadata(),
                            entry.relatedId(),
                            now);
                    int index = written.size();
                    postings.addAll(applyOne(entry, digest, index, rows, holds, reversed, shards, now));
                    written.add(new Written(i, entry, digest));
                } catch (LedgerException refused) {
                    if (linked) {
                        throw new LinkedFailure(i, refused.refusal());
                    }
                    outcomes[i] = new Outcome.Failed(refused.refusal());
                }
            }
            if (!written.isEmpty()) {
                List<Long> ids = write(merchantId, appId, written, postings, rows, holds, shards, now);
                // in the same transaction as the journal rows: the change never commits without its event
                outbox.write(events(merchantId, appId, written, holds, now), now);
                for (int w = 0; w < written.size(); w++) {
                    Written row = written.get(w);
                    Entry entry = row.entry();
                    outcomes[row.index()] = new Outcome.Applied(new StoredTransfer(
                            ids.get(w),
                            merchantId,
                            entry.clientId(),
                            entry.kind(),
                            entry.pointTypeId(),
                            entry.from().id(),
                            entry.to().id(),
                            entry.amount(),
                            entry.reason(),
                            entry.memo(),
                            entry.metadata(),
                            entry.relatedId(),
                            entry.relatedClientId(),
                            now,
                            row.digest()));
                }
            }
            return List.of(outcomes);
        });
    }

    private record Written(int index, Entry entry, byte[] digest) {}

    /** hold.expired for every expiry; ledger.transfer.posted for every row when its app subscribed. */
    private List<LedgerOutbox.Pending> events(
            String merchantId, @Nullable String appId, List<Written> written, Map<Long, HoldState> holds, Instant now) {
        List<LedgerOutbox.Pending> events = new ArrayList<>();
        for (Written row : written) {
            Entry entry = row.entry();
            HoldState expired = entry.kind() == TransferKind.EXPIRE ? holds.get(entry.relatedId()) : null;
            @Nullable String origin = expired != null ? expired.appId : appId;
            // the journal row first, then what it means
            if (outbox.wantsTransfers(origin)) {
                events.add(outbox.transferPosted(
                        merchantId, Objects.requireNonNull(origin, "only an app subscribes"), entry, now));
            }
            if (expired != null) {
                events.add(outbox.holdExpired(merchantId, origin, entry, expired.expiresAt, now));
            }
        }
        return events;
    }

    private static final class LinkedFailure extends RuntimeException {
        final int index;
        final transient LedgerRefusal refusal;

        LinkedFailure(int index, LedgerRefusal refusal) {
            super(refusal.message(), null, false, false);
            this.index = index;
            this.refusal = refusal;
        }
    }

    /** Fills the outcome of every entry whose client id is already used; returns the indexes still to apply. */
    private List<Integer> checkClientIds(String merchantId, List<Entry> entries, boolean linked, Outcome[] outcomes) {
        String[] clientIds = entries.stream().map(Entry::clientId).toArray(String[]::new);
        Map<String, StoredTransfer> existing = new HashMap<>();
        jdbc.sql(StoredTransfer.SELECT + " where t.merchant_id = ? and t.client_id = any(?::text[])")
                .params(merchantId, clientIds)
                .query(StoredTransfer::row)
                .list()
                .forEach(transfer -> existing.put(transfer.clientId(), transfer));
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            StoredTransfer stored = existing.get(entries.get(i).clientId());
            if (stored == null) {
                pending.add(i);
            } else if (stored.sameRequestAs(entries.get(i))) {
                outcomes[i] = new Outcome.Replayed(stored);
            } else {
                outcomes[i] = new Outcome.Failed(LedgerErrors.transferIdReused(stored.clientId()));
            }
        }
        if (linked && !pending.isEmpty() && pending.size() < entries.size()) {
            // part of a linked set already exists: it was written outside this set, which can never be made whole
            for (int i = 0; i < entries.size(); i++) {
                if (!pending.contains(i)) {
                    throw new LinkedFailure(
                            i, LedgerErrors.transferIdReused(entries.get(i).clientId()));
                }
            }
        }
        return pending;
    }

    /** A hold row locked for this transaction; {@code status} changes in memory as an entry resolves it. */
    static final class HoldState {
        final long transferId;
        final long fromAccount;
        final int fromShard;
        final long amount;
        final Instant expiresAt;
        final @Nullable String appId;
        HoldStatus status;
        LedgerRules.@Nullable HoldTransition resolution;
        long postedAmount;
        int resolvedByIndex = -1;

        HoldState(
                long transferId,
                long fromAccount,
                int fromShard,
                long amount,
                Instant expiresAt,
                @Nullable String appId,
                HoldStatus status) {
            this.transferId = transferId;
            this.fromAccount = fromAccount;
            this.fromShard = fromShard;
            this.amount = amount;
            this.expiresAt = expiresAt;
            this.appId = appId;
            this.status = status;
        }
    }

    private Map<Long, HoldState> lockHolds(List<Entry> entries, List<Integer> pending) {
        Long[] ids = pending.stream()
                .map(entries::get)
                .filter(Entry::resolvesHold)
                .map(Entry::relatedId)
                .distinct()
                .sorted()
                .toArray(Long[]::new);
        Map<Long, HoldState> holds = new HashMap<>();
        if (ids.length == 0) {
            return holds;
        }
        jdbc.sql("""
                        select transfer_id, from_account, from_shard, amount, expires_at, app_id, status from ledger_hold
                        where transfer_id = any(?::bigint[]) order by transfer_id for update""")
                .params((Object) ids)
                .query((ResultSet row, int n) -> new HoldState(
                        row.getLong("transfer_id"),
                        row.getLong("from_account"),
                        row.getInt("from_shard"),
                        row.getLong("amount"),
                        row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        row.getString("app_id"),
                        HoldStatus.valueOf(row.getString("status"))))
                .list()
                .forEach(hold -> holds.put(hold.transferId, hold));
        return holds;
    }

    private Set<Long> alreadyReversed(List<Entry> entries, List<Integer> pending) {
        Long[] originals = pending.stream()
                .map(entries::get)
                .filter(e -> e.kind() == TransferKind.REVERSAL)
                .map(Entry::relatedId)
                .toArray(Long[]::new);
        if (originals.length == 0) {
            return new HashSet<>();
        }
        return new HashSet<>(
                jdbc.sql("""
                        select related_id from ledger_transfer where kind = 'REVERSAL' and related_id = any(?::bigint[])""").params((Object) originals).query(Long.class).list());
    }

    /** The balance rows this call touches; a sharded account uses one random shard for the whole call. */
    private TreeSet<BalanceRow.Key> keys(
            List<Entry> entries, List<Integer> pending, Map<Long, HoldState> holds, Map<Long, Integer> shards) {
        TreeSet<BalanceRow.Key> keys = new TreeSet<>();
        for (int i : pending) {
            Entry entry = entries.get(i);
            HoldState hold = entry.resolvesHold() ? holds.get(entry.relatedId()) : null;
            if (entry.resolvesHold() && hold == null) {
                continue;
            }
            keys.add(new BalanceRow.Key(
                    entry.from().id(), hold != null ? hold.fromShard : shardOf(entry.from(), shards)));
            if (entry.kind().movesPoints()) {
                keys.add(new BalanceRow.Key(entry.to().id(), shardOf(entry.to(), shards)));
            }
        }
        return keys;
    }

    private static int shardOf(Account account, Map<Long, Integer> shards) {
        return shards.computeIfAbsent(account.id(), id -> account.pickShard(ThreadLocalRandom.current()));
    }

    private Map<BalanceRow.Key, BalanceRow> lockBalances(TreeSet<BalanceRow.Key> keys) {
        Long[] accounts = keys.stream().map(BalanceRow.Key::accountId).toArray(Long[]::new);
        Integer[] shards = keys.stream().map(BalanceRow.Key::shard).toArray(Integer[]::new);
        Map<BalanceRow.Key, BalanceRow> rows = new HashMap<>();
        // ORDER BY below FOR UPDATE: rows are locked in key order, the same order every writer uses
        jdbc.sql("""
                        select b.account_id, b.shard, b.balance, b.frozen, b.may_go_negative, b.closed, b.seq, b.head
                        from ledger_balance b
                        join unnest(?::bigint[], ?::int[]) as k(account_id, shard)
                          on b.account_id = k.account_id and b.shard = k.shard
                        order by b.account_id, b.shard for update of b""")
                .params(accounts, shards)
                .query(Journal::balanceRow)
                .list()
                .forEach(row -> rows.put(new BalanceRow.Key(row.accountId, row.shard), row));
        return rows;
    }

    static BalanceRow balanceRow(ResultSet row, int n) throws SQLException {
        return new BalanceRow(
                row.getLong("account_id"),
                row.getInt("shard"),
                row.getLong("balance"),
                row.getLong("frozen"),
                row.getBoolean("may_go_negative"),
                row.getBoolean("closed"),
                row.getLong("seq"),
                row.getBytes("head"));
    }

    /**
     * Asks the rules, then changes the in-memory rows; returns the postings made. Throws the refusal (changing
     * nothing) to refuse.
     */
    private List<BalanceRow.Posting> applyOne(
            Entry entry,
            byte[] digest,
            int index,
            Map<BalanceRow.Key, BalanceRow> rows,
            Map<Long, HoldState> holds,
            Set<Long> reversed,
            Map<Long, Integer> shards,
            Instant now) {
        HoldState hold = entry.resolvesHold() ? holds.get(entry.relatedId()) : null;
        if (entry.resolvesHold() && hold == null) {
            throw LedgerErrors.notFound("hold", Objects.requireNonNull(entry.relatedClientId(), HOLD_NAMED))
                    .exception();
        }
        LedgerRules.HoldTransition resolution = hold == null
                ? null
                : LedgerRules.resolveHold(
                                entry.kind(),
                                Objects.requireNonNull(entry.relatedClientId(), HOLD_NAMED),
                                hold.status,
                                hold.expiresAt,
                                hold.amount,
                                entry.amount(),
                                now)
                        .orThrow();
        if (entry.kind() == TransferKind.REVERSAL && reversed.contains(entry.relatedId())) {
            throw LedgerErrors.alreadyReversed(
                            Objects.requireNonNull(entry.relatedClientId(), "a reversal names its original"))
                    .exception();
        }
        BalanceRow payer = Objects.requireNonNull(
                rows.get(new BalanceRow.Key(
                        entry.from().id(),
                        hold != null
                                ? hold.fromShard
                                : Objects.requireNonNull(shards.get(entry.from().id()), "every account is locked"))),
                "every locked row is loaded");
        List<BalanceRow.Posting> postings = switch (entry.kind()) {
            case TRANSFER, REVERSAL, POST -> {
                BalanceRow payee = Objects.requireNonNull(
                        rows.get(new BalanceRow.Key(
                                entry.to().id(),
                                Objects.requireNonNull(shards.get(entry.to().id()), "every account is locked"))),
                        "every locked row is loaded");
                LedgerRules.Moved moved = LedgerRules.move(
                                entry.from().publicId(),
                                payer.state(),
                                entry.to().publicId(),
                                payee.state(),
                                entry.amount(),
                                hold == null ? 0 : hold.amount)
                        .orThrow();
                payer.frozen = moved.payerFrozen();
                yield List.of(
                        payer.post(index, digest, -entry.amount(), moved.payerBalance()),
                        payee.post(index, digest, entry.amount(), moved.payeeBalance()));
            }
            case HOLD -> {
                payer.freeze(LedgerRules.reserve(entry.from().publicId(), payer.state(), entry.amount())
                        .orThrow());
                yield List.of();
            }
            case VOID, EXPIRE -> {
                payer.freeze(LedgerRules.release(payer.state(), Objects.requireNonNull(hold, "checked above").amount)
                        .orThrow());
                yield List.of();
            }
        };
        if (entry.kind() == TransferKind.REVERSAL) {
            reversed.add(entry.relatedId());
        }
        if (hold != null) {
            hold.resolution = resolution;
            hold.status = Objects.requireNonNull(resolution, "set when there is a hold")
                    .to();
            hold.postedAmount = entry.kind() == TransferKind.POST ? entry.amount() : 0;
            hold.resolvedByIndex = index;
        }
        return postings;
    }

    /** Writes everything applied, one statement per table; returns the new transfers' ids in order. */
    private List<Long> write(
            String merchantId,
            @Nullable String appId,
            List<Written> written,
            List<BalanceRow.Posting> postings,
            Map<BalanceRow.Key, BalanceRow> rows,
            Map<Long, HoldState> holds,
            Map<Long, Integer> shards,
            Instant now) {
        int n = written.size();
        // nextval is never null; Spring types a single-column row as nullable
        @SuppressWarnings("NullAway")
        List<Long> ids = jdbc.sql("select nextval('ledger_transfer_id_seq') from generate_series(1, ?)")
                .params(n)
                .query(Long.class)
                .list();
        OffsetDateTime at = Objects.requireNonNull(JdbcTime.at(now), "now is given");
        Object[][] t = new Object[13][n];
        for (int w = 0; w < n; w++) {
            Entry e = written.get(w).entry();
            Object[] row = {
                ids.get(w),
                merchantId,
                e.clientId(),
                e.kind().name(),
                e.pointTypeId(),
                e.from().id(),
                e.to().id(),
                e.amount(),
                e.reason(),
                e.memo(),
                e.metadata(),
                e.relatedId(),
                HEX.formatHex(written.get(w).digest())
            };
            for (int c = 0; c < row.length; c++) {
                t[c][w] = row[c];
            }
        }
        jdbc.sql("""
                        insert into ledger_transfer (id, merchant_id, client_id, kind, point_type_id, from_account,
                            to_account, amount, reason, memo, metadata, related_id, created_at, digest)
                        select u.id, u.merchant_id, u.client_id, u.kind, u.point_type_id, u.from_account, u.to_account,
                               u.amount, u.reason, u.memo, u.metadata, u.related_id, ?, decode(u.digest, 'hex')
                        from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                                    ?::bigint[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[])
                             as u(id, merchant_id, client_id, kind, point_type_id, from_account, to_account, amount,
                                  reason, memo, metadata, related_id, digest)""")
                .params(
                        at,
                        longs(t[0]),
                        strings(t[1]),
                        strings(t[2]),
                        strings(t[3]),
                        longs(t[4]),
                        longs(t[5]),
                        longs(t[6]),
                        longs(t[7]),
                        ints(t[8]),
                        strings(t[9]),
                        strings(t[10]),
                        longs(t[11]),
                        strings(t[12]))
                .update();
        if (!postings.isEmpty()) {
            int p = postings.size();
            Long[] account = new Long[p],
                    seq = new Long[p],
                    transfer = new Long[p],
                    amount = new Long[p],
                    after = new Long[p];
            Integer[] shard = new Integer[p], reason = new Integer[p];
            String[] hash = new String[p];
            for (int i = 0; i < p; i++) {
                BalanceRow.Posting posting = postings.get(i);
                account[i] = posting.accountId();
                shard[i] = posting.shard();
                seq[i] = posting.seq();
                transfer[i] = ids.get((int) posting.transferIndex());
                amount[i] = posting.amount();
                after[i] = posting.balanceAfter();
                reason[i] = written.get((int) posting.transferIndex()).entry().reason();
                hash[i] = HEX.formatHex(posting.hash());
            }
            jdbc.sql("""
                            insert into ledger_posting (account_id, shard, seq, transfer_id, amount, balance_after,
                                                        reason, created_at, hash)
                            select u.account_id, u.shard, u.seq, u.transfer_id, u.amount, u.balance_after, u.reason, ?,
                                   decode(u.hash, 'hex')
                            from unnest(?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                                        ?::int[], ?::text[])
                                 as u(account_id, shard, seq, transfer_id, amount, balance_after, reason, hash)""")
                    .params(at, account, shard, seq, transfer, amount, after, reason, hash)
                    .update();
        }
        writeBalances(rows);
        writeHolds(merchantId, appId, written, ids, holds, shards);
        return ids;
    }

    private void writeBalances(Map<BalanceRow.Key, BalanceRow> rows) {
        List<BalanceRow> changed =
                rows.values().stream().filter(row -> row.changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update ledger_balance b
                        set balance = u.balance, frozen = u.frozen, seq = u.seq, head = decode(u.head, 'hex')
                        from unnest(?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
                             as u(account_id, shard, balance, frozen, seq, head)
                        where b.account_id = u.account_id and b.shard = u.shard""")
                .params(
                        changed.stream().map(r -> r.accountId).toArray(Long[]::new),
                        changed.stream().map(r -> r.shard).toArray(Integer[]::new),
                        changed.stream().map(r -> r.balance).toArray(Long[]::new),
                        changed.stream().map(r -> r.frozen).toArray(Long[]::new),
                        changed.stream().map(r -> r.seq).toArray(Long[]::new),
                        changed.stream().map(r -> HEX.formatHex(r.head)).toArray(String[]::new))
                .update();
    }

    // app_id is a nullable column: params binds a null app id as SQL null, though Spring does not declare its
    // varargs elements nullable
    @SuppressWarnings("NullAway")
    private void writeHolds(
            String merchantId,
            @Nullable String appId,
            List<Written> written,
            List<Long> ids,
            Map<Long, HoldState> holds,
            Map<Long, Integer> shards) {
        for (int w = 0; w < written.size(); w++) {
            Entry entry = written.get(w).entry();
            if (entry.kind() == TransferKind.HOLD) {
                jdbc.sql("""
                                insert into ledger_hold (transfer_id, merchant_id, from_account, from_shard, to_account,
                                                         amount, status, expires_at, app_id)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                ids.get(w),
                                merchantId,
                                entry.from().id(),
                                Objects.requireNonNull(shards.get(entry.from().id()), "every account is locked"),
                                entry.to().id(),
                                entry.amount(),
                                LedgerRules.HOLD_OPENS.name(),
                                Objects.requireNonNull(JdbcTime.at(entry.expiresAt()), "a hold has a timeout"),
                                appId)
                        .update();
            }
        }
        for (HoldState hold : holds.values()) {
            if (hold.resolution == null) {
                continue;
            }
            // the guard is the transition's: a move the rules' table does not have cannot be written
            int updated = jdbc.sql("""
                            update ledger_hold set status = ?, posted_amount = ?, resolved_by = ?
                            where transfer_id = ? and status = any(?::text[])""")
                    .param(1, hold.resolution.to().name())
                    .param(2, hold.resolution.to() == HoldStatus.POSTED ? hold.postedAmount : null, Types.BIGINT)
                    .param(3, ids.get(hold.resolvedByIndex))
                    .param(4, hold.transferId)
                    .param(5, hold.resolution.fromNames())
                    .update();
            if (updated != 1) {
                throw new IllegalStateException("hold " + hold.transferId + " changed under its row lock");
            }
        }
    }

    private static Long[] longs(Object[] values) {
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (Long) values[i];
        }
        return out;
    }

    private static Integer[] ints(Object[] values) {
        Integer[] out = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (Integer) values[i];
        }
        return out;
    }

    private static String[] strings(Object[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (String) values[i];
        }
        return out;
    }
}
