package io.tongbao.ledger;

import io.tongbao.shared.time.JdbcTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads: balances, transfers, holds, statements and daily totals. Every query is scoped by the merchant. */
@Component
class LedgerQueries {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final EntryFactory entries;

    LedgerQueries(JdbcClient jdbc, Catalog catalog, EntryFactory entries) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.entries = entries;
    }

    AccountView account(Account account) {
        // a sharded issuer's balance is the sum of its rows
        return jdbc.sql("""
                        select coalesce(sum(balance), 0) as balance, coalesce(sum(frozen), 0) as frozen,
                               bool_or(closed) as closed
                        from ledger_balance where account_id = :account""")
                .param("account", account.id())
                .query((row, n) -> {
                    long balance = row.getLong("balance");
                    long frozen = row.getLong("frozen");
                    return new AccountView(
                            account.publicId(),
                            account.pointType(),
                            account.ownerKind(),
                            account.ownerId(),
                            balance,
                            frozen,
                            Math.subtractExact(balance, frozen),
                            account.mayGoNegative(),
                            row.getBoolean("closed"));
                })
                .single();
    }

    Optional<StoredTransfer> transfer(String merchantId, String clientId) {
        return jdbc.sql(StoredTransfer.SELECT + " where t.merchant_id = :merchant and t.client_id = :client")
                .param("merchant", merchantId)
                .param("client", clientId)
                .query(StoredTransfer::row)
                .optional();
    }

    StoredTransfer existingTransfer(String merchantId, String clientId) {
        return transfer(merchantId, clientId)
                .orElseThrow(() -> LedgerErrors.notFound("transfer", clientId).exception());
    }

    TransferView view(StoredTransfer transfer) {
        return new TransferView(
                transfer.clientId(),
                transfer.kind(),
                catalog.pointTypeById(transfer.pointTypeId()).code(),
                catalog.accountById(transfer.from()).publicId(),
                catalog.accountById(transfer.to()).publicId(),
                transfer.amount(),
                transfer.reason(),
                transfer.memo(),
                entries.metadataOf(transfer.metadata()),
                transfer.relatedClientId(),
                transfer.createdAt());
    }

    HoldView hold(String merchantId, String holdId) {
        StoredTransfer hold = existingTransfer(merchantId, holdId);
        if (hold.kind() != TransferKind.HOLD) {
            throw LedgerErrors.notFound("hold", holdId).exception();
        }
        return jdbc.sql("""
                        select h.status, h.expires_at, h.posted_amount, r.client_id as resolved_by
                        from ledger_hold h left join ledger_transfer r on r.id = h.resolved_by
                        where h.transfer_id = :id""")
                .param("id", hold.id())
                .query((row, n) -> {
                    long posted = row.getLong("posted_amount");
                    Long postedAmount = row.wasNull() ? null : posted;
                    return new HoldView(
                            hold.clientId(),
                            HoldStatus.valueOf(row.getString("status")),
                            catalog.pointTypeById(hold.pointTypeId()).code(),
                            catalog.accountById(hold.from()).publicId(),
                            catalog.accountById(hold.to()).publicId(),
                            hold.amount(),
                            postedAmount,
                            row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                            row.getString("resolved_by"),
                            hold.createdAt());
                })
                .single();
    }

    /**
     * Newest first, by (shard, seq): for an ordinary account simply by seq, the order its balance changed in. The
     * cursor is the last line's "shard:seq".
     */
    StatementPage statement(Account account, StatementQuery query) {
        int limit = query.limit() == null ? DEFAULT_PAGE : query.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw LedgerErrors.invalid("limit", "between 1 and " + MAX_PAGE).exception();
        }
        int shard = account.shards() - 1;
        long seq = Long.MAX_VALUE;
        if (query.cursor() != null) {
            String[] parts = query.cursor().split(":");
            try {
                shard = Integer.parseInt(parts[0]);
                seq = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw LedgerErrors.invalid("cursor", "use next_cursor of the previous page")
                        .exception();
            }
        }
        List<StatementPage.Line> lines = new ArrayList<>();
        // one index range per shard, newest first; an ordinary account has only shard 0
        for (; shard >= 0 && lines.size() <= limit; shard--, seq = Long.MAX_VALUE) {
            // only the filters asked for, so that no untyped null is bound and the plan stays one index range
            StringBuilder sql = new StringBuilder("""
                    select p.seq, p.shard, p.amount, p.balance_after, p.reason, p.created_at, t.client_id,
                           t.kind, t.memo, t.from_account, t.to_account
                    from ledger_posting p join ledger_transfer t on t.id = p.transfer_id
                    where p.account_id = :account and p.shard = :shard and p.seq < :seq""");
            Map<String, Object> params = new HashMap<>();
            if (query.reason() != null) {
                sql.append(" and p.reason = :reason");
                params.put("reason", query.reason());
            }
            if (query.from() != null) {
                sql.append(" and p.created_at >= :from");
                params.put("from", JdbcTime.at(query.from()));
            }
            if (query.to() != null) {
                sql.append(" and p.created_at < :to");
                params.put("to", JdbcTime.at(query.to()));
            }
            sql.append(" order by p.seq desc limit :limit");
            lines.addAll(jdbc.sql(sql.toString())
                    .params(params)
                    .param("account", account.id())
                    .param("shard", shard)
                    .param("seq", seq)
                    .param("limit", limit + 1 - lines.size())
                    .query((row, n) -> {
                        long from = row.getLong("from_account");
                        long counterparty = from == account.id() ? row.getLong("to_account") : from;
                        return new StatementPage.Line(
                                row.getLong("seq"),
                                row.getInt("shard"),
                                row.getString("client_id"),
                                TransferKind.valueOf(row.getString("kind")),
                                row.getInt("reason"),
                                row.getLong("amount"),
                                row.getLong("balance_after"),
                                catalog.accountById(counterparty).publicId(),
                                row.getString("memo"),
                                row.getObject("created_at", OffsetDateTime.class)
                                        .toInstant());
                    })
                    .list());
        }
        @Nullable String next = null;
        if (lines.size() > limit) {
            lines = new ArrayList<>(lines.subList(0, limit));
            StatementPage.Line last = lines.get(limit - 1);
            next = last.shard() + ":" + last.seq();
        }
        return new StatementPage(account.publicId(), lines, next);
    }

    /** Per reason and kind, what moved on one calendar day in the given zone (for 对账 with the merchant's books). */
    List<DailyTotal> dailyTotals(PointType pointType, LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return jdbc.sql("""
                        select reason, kind, count(*) as n, sum(amount) as total from ledger_transfer
                        where point_type_id = :pointType and created_at >= :start and created_at < :end
                        group by reason, kind order by reason, kind""")
                .param("pointType", pointType.id())
                .param("start", JdbcTime.at(start))
                .param("end", JdbcTime.at(end))
                .query((row, n) -> new DailyTotal(
                        row.getInt("reason"),
                        TransferKind.valueOf(row.getString("kind")),
                        row.getLong("n"),
                        row.getBigDecimal("total").longValueExact()))
                .list();
    }
}
