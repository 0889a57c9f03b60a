package io.tongbao.ledger;

import io.tongbao.shared.page.Cursor;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.time.JdbcTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the console reads of the ledger, across merchants for an operator. Every read takes a scope: a merchant's id
 * (the ledger's tenancy: every point type, account, transfer and hold carries the merchant whose app made it; a
 * merchant user's console passes its own) or {@code null} for the operator, who sees every merchant's.
 */
@Service
public class LedgerReads {

    private static final String IN_SCOPE = "(cast(:merchant as text) is null or a.merchant_id = :merchant)";
    private static final int MAX_HOLDS = 50;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final LedgerQueries queries;

    LedgerReads(JdbcClient jdbc, Catalog catalog, LedgerQueries queries) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.queries = queries;
    }

    /** A point type and the merchant it belongs to. */
    public record MerchantPointType(String merchantId, PointTypeView pointType) {}

    /**
     * An account with its balance now, the merchant it belongs to, when it was opened and its point type's decimals
     * ({@code scale}: amounts are in minor units, 12345 of a scale-2 type being 123.45 points).
     */
    public record MerchantAccount(String merchantId, AccountView account, Instant openedAt, int scale) {

        /** An amount of this account's point type in points. */
        public BigDecimal points(long minorUnits) {
            return BigDecimal.valueOf(minorUnits, scale);
        }
    }

    /** Which accounts to list; all but the scope optional. {@code ownerId}: exact. */
    public record AccountFilter(
            @Nullable String scope,
            @Nullable String merchantId,
            @Nullable String pointType,
            @Nullable OwnerKind ownerKind,
            @Nullable String ownerId) {}

    /** The scope's point types, by merchant and code. */
    public List<MerchantPointType> pointTypes(@Nullable String scope) {
        return jdbc.sql("select a.id, a.merchant_id from ledger_point_type a where " + IN_SCOPE
                        + " order by a.merchant_id, a.code limit 500")
                .param("merchant", scope)
                .query((rs, n) -> new MerchantPointType(
                        rs.getString("merchant_id"), catalog.view(catalog.pointTypeById(rs.getLong("id")))))
                .list();
    }

    /** Newest first; the cursor's id is the account's public id. */
    public Page<MerchantAccount> accounts(AccountFilter filter, PageRequest request) {
        String sql = """
                select a.id, a.public_id, a.merchant_id, a.created_at
                from ledger_account a join ledger_point_type p on p.id = a.point_type_id
                where %s
                  and (cast(:filterMerchant as text) is null or a.merchant_id = :filterMerchant)
                  and (cast(:pointType as text) is null or p.code = :pointType)
                  and (cast(:kind as text) is null or a.owner_kind = :kind)
                  and (cast(:owner as text) is null or a.owner_id = :owner)
                  and %s
                order by %s limit :limit""".formatted(
                        IN_SCOPE,
                        request.keysetCondition("a.created_at", "a.public_id"),
                        request.order("a.created_at", "a.public_id"));
        List<MerchantAccount> rows = request.bind(jdbc.sql(sql))
                .param("merchant", filter.scope())
                .param("filterMerchant", filter.merchantId())
                .param("pointType", filter.pointType())
                .param(
                        "kind",
                        filter.ownerKind() == null ? null : filter.ownerKind().name())
                .param("owner", filter.ownerId())
                .query((rs, n) -> merchantAccount(
                        catalog.accountById(rs.getLong("id")), JdbcTime.requiredInstant(rs, "created_at")))
                .list();
        return Page.of(
                rows, request, row -> new Cursor(row.openedAt(), row.account().accountId()));
    }

    /** The account, when it is in the scope. */
    public Optional<MerchantAccount> account(@Nullable String scope, String accountId) {
        return find(scope, accountId).map(found -> merchantAccount(found.account(), found.openedAt()));
    }

    private MerchantAccount merchantAccount(Account account, Instant openedAt) {
        return new MerchantAccount(
                account.merchantId(),
                queries.account(account),
                openedAt,
                catalog.pointTypeById(account.pointTypeId()).scale());
    }

    /** The account's postings, newest first (see {@link Ledger#statement}); empty when it is not in the scope. */
    public Optional<StatementPage> statement(@Nullable String scope, String accountId, StatementQuery query) {
        return find(scope, accountId).map(found -> queries.statement(found.account(), query));
    }

    /** The holds the account pays or receives, newest first (at most 50); empty when it is not in the scope. */
    public Optional<List<HoldView>> holds(@Nullable String scope, String accountId) {
        return find(scope, accountId)
                .map(found -> jdbc
                        .sql("""
                        select t.client_id from ledger_hold h join ledger_transfer t on t.id = h.transfer_id
                        where h.merchant_id = :merchant and (h.from_account = :account or h.to_account = :account)
                        order by h.transfer_id desc limit :limit""")
                        .param("merchant", found.account().merchantId())
                        .param("account", found.account().id())
                        .param("limit", MAX_HOLDS)
                        .query(String.class)
                        .list()
                        .stream()
                        .map(Objects::requireNonNull)
                        .map(holdId -> queries.hold(found.account().merchantId(), holdId))
                        .toList());
    }

    private record Opened(String merchantId, Instant at) {}

    private record Found(Account account, Instant openedAt) {}

    private Optional<Found> find(@Nullable String scope, String accountId) {
        if (accountId.isEmpty() || accountId.length() > 64 || accountId.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return jdbc.sql("select a.merchant_id, a.created_at from ledger_account a where a.public_id = :id and "
                        + IN_SCOPE)
                .param("id", accountId)
                .param("merchant", scope)
                .query((rs, n) -> new Opened(rs.getString("merchant_id"), JdbcTime.requiredInstant(rs, "created_at")))
                .optional()
                .flatMap(opened ->
                        catalog.find(opened.merchantId(), accountId).map(account -> new Found(account, opened.at())));
    }
}
