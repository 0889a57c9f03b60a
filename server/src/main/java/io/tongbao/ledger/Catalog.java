package io.tongbao.ledger;

import io.tongbao.shared.id.Ids;
import io.tongbao.shared.time.JdbcTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Point types, accounts and reason codes: the parts of the ledger that are created once and never change (except
 * an account's closed flag, which lives with its balance). Cached per node; a miss reads the database, so nodes
 * never disagree.
 */
@Component
class Catalog {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,32}");
    private static final Pattern OWNER_ID = Pattern.compile("[\\p{Graph}]{1,128}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LedgerProperties properties;

    private final Map<String, PointType> pointTypesByCode = new ConcurrentHashMap<>();
    private final Map<Long, PointType> pointTypesById = new ConcurrentHashMap<>();
    private final Map<String, Account> accountsByPublicId = new ConcurrentHashMap<>();
    private final Map<Long, Account> accountsById = new ConcurrentHashMap<>();
    private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

    Catalog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
    }

    // ---- point types

    /** Creates the point type with its system accounts; the same request again returns the existing one. */
    PointTypeView createPointType(String merchantId, PointTypeRequest request) {
        String code = required("code", request.code());
        if (!CODE.matcher(code).matches()) {
            throw LedgerErrors.invalid("code", "1-32 characters of A-Z a-z 0-9 _ -")
                    .exception();
        }
        String name = required("name", request.name());
        if (name.length() > 100) {
            throw LedgerErrors.invalid("name", "at most 100 characters").exception();
        }
        int scale = request.scale() == null ? 0 : request.scale();
        if (scale < 0 || scale > 8) {
            throw LedgerErrors.invalid("scale", "between 0 and 8").exception();
        }
        Optional<PointType> existing = findPointType(merchantId, code);
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), name, scale);
        }
        Instant now = JdbcTime.toDatabasePrecision(clock.instant());
        Boolean created = transactions.execute(status -> {
            Optional<Long> id = jdbc.sql("""
                            insert into ledger_point_type (merchant_id, code, name, scale, created_at)
                            values (:merchant, :code, :name, :scale, :now)
                            on conflict (merchant_id, code) do nothing returning id""")
                    .param("merchant", merchantId)
                    .param("code", code)
                    .param("name", name)
                    .param("scale", scale)
                    .param("now", JdbcTime.at(now))
                    .query(Long.class)
                    .optional();
            if (id.isEmpty()) {
                return false;
            }
            for (SystemAccount system : SystemAccount.values()) {
                insertAccount(
                        merchantId,
                        id.get(),
                        OwnerKind.SYSTEM,
                        system.name(),
                        system.issuer(),
                        system.issuer() ? properties.issuerShards() : 1,
                        now);
            }
            return true;
        });
        PointType pointType = findPointType(merchantId, code).orElseThrow();
        return Boolean.TRUE.equals(created) ? view(pointType) : sameOrConflict(pointType, name, scale);
    }

    private PointTypeView sameOrConflict(PointType existing, String name, int scale) {
        if (!existing.name().equals(name) || existing.scale() != scale) {
            throw LedgerErrors.pointTypeExists(existing.code()).exception();
        }
        return view(existing);
    }

    PointType pointType(String merchantId, String code) {
        if (code == null || code.isBlank()) {
            throw LedgerErrors.invalid("point_type", "is required").exception();
        }
        return findPointType(merchantId, code)
                .orElseThrow(() -> LedgerErrors.unknownPointType(code).exception());
    }

    Optional<PointType> findPointType(String merchantId, String code) {
        PointType cached = pointTypesByCode.get(merchantId + "\u0000" + code);
        if (cached != null) {
            return Optional.of(cached);
        }
        return jdbc.sql("select * from ledger_point_type where merchant_id = :merchant and code = :code")
                .param("merchant", merchantId)
                .param("code", code)
                .query(Catalog::pointTypeRow)
                .optional()
                .map(this::remember);
    }

    PointType pointTypeById(long id) {
        PointType cached = pointTypesById.get(id);
        if (cached != null) {
            return cached;
        }
        return remember(jdbc.sql("select * from ledger_point_type where id = :id")
                .param("id", id)
                .query(Catalog::pointTypeRow)
                .single());
    }

    List<PointTypeView> pointTypes(String merchantId) {
        return jdbc
                .sql("select * from ledger_point_type where merchant_id = :merchant order by code")
                .param("merchant", merchantId)
                .query(Catalog::pointTypeRow)
                .list()
                .stream()
                .map(this::remember)
                .map(this::view)
                .toList();
    }

    PointTypeView view(PointType pointType) {
        Map<SystemAccount, String> systemAccounts = new EnumMap<>(SystemAccount.class);
        for (SystemAccount system : SystemAccount.values()) {
            systemAccounts.put(system, systemAccount(pointType, system).publicId());
        }
        return new PointTypeView(
                pointType.code(),
                pointType.name(),
                pointType.scale(),
                pointType.status(),
                systemAccounts,
                pointType.createdAt());
    }

    Account systemAccount(PointType pointType, SystemAccount system) {
        return findByOwner(pointType, OwnerKind.SYSTEM, system.name())
                .orElseThrow(() ->
                        new IllegalStateException("point type " + pointType.id() + " has no " + system + " account"));
    }

    private PointType remember(PointType pointType) {
        pointTypesByCode.put(pointType.merchantId() + "\u0000" + pointType.code(), pointType);
        pointTypesById.put(pointType.id(), pointType);
        return pointType;
    }

    // ---- accounts

    /** Opens the owner's account in the point type, or returns the one already open. */
    Account openAccount(String merchantId, AccountRequest request) {
        PointType pointType = pointType(merchantId, request.pointType());
        if (request.ownerKind() == null || request.ownerKind() == OwnerKind.SYSTEM) {
            throw LedgerErrors.invalid("owner_kind", "USER or MERCHANT (system accounts come with the point type)")
                    .exception();
        }
        String ownerId = required("owner_id", request.ownerId());
        if (!OWNER_ID.matcher(ownerId).matches()) {
            throw LedgerErrors.invalid("owner_id", "1-128 visible characters").exception();
        }
        return findByOwner(pointType, request.ownerKind(), ownerId).orElseGet(() -> {
            transactions.executeWithoutResult(status -> insertAccount(
                    merchantId,
                    pointType.id(),
                    request.ownerKind(),
                    ownerId,
                    false,
                    1,
                    JdbcTime.toDatabasePrecision(clock.instant())));
            return findByOwner(pointType, request.ownerKind(), ownerId).orElseThrow();
        });
    }

    private void insertAccount(
            String merchantId,
            long pointTypeId,
            OwnerKind kind,
            String ownerId,
            boolean mayGoNegative,
            int shards,
            Instant now) {
        Optional<Long> id = jdbc.sql("""
                        insert into ledger_account (public_id, merchant_id, point_type_id, owner_kind, owner_id,
                                                    may_go_negative, shards, created_at)
                        values (:publicId, :merchant, :pointType, :kind, :owner, :negative, :shards, :now)
                        on conflict (point_type_id, owner_kind, owner_id) do nothing returning id""")
                .param("publicId", Ids.next("acc"))
                .param("merchant", merchantId)
                .param("pointType", pointTypeId)
                .param("kind", kind.name())
                .param("owner", ownerId)
                .param("negative", mayGoNegative)
                .param("shards", shards)
                .param("now", JdbcTime.at(now))
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return;
        }
        for (int shard = 0; shard < shards; shard++) {
            jdbc.sql("""
                            insert into ledger_balance (account_id, shard, may_go_negative, head)
                            values (:account, :shard, :negative, :head)""")
                    .param("account", id.get())
                    .param("shard", shard)
                    .param("negative", mayGoNegative)
                    .param("head", Hashes.genesis(id.get(), shard))
                    .update();
        }
    }

    /** Guarded: only an account with nothing in it and no open hold closes. Closing twice is not an error. */
    void close(Account account) {
        int closed = jdbc.sql("""
                        update ledger_balance set closed = true
                        where account_id = :account and balance = 0 and frozen = 0 and not closed""").param("account", account.id()).update();
        if (closed == 0) {
            boolean alreadyClosed = jdbc.sql("select bool_and(closed) from ledger_balance where account_id = :account")
                    .param("account", account.id())
                    .query(Boolean.class)
                    .single();
            if (!alreadyClosed) {
                throw LedgerErrors.accountNotEmpty(account.publicId()).exception();
            }
        }
    }

    Optional<Account> findByOwner(PointType pointType, OwnerKind kind, String ownerId) {
        return jdbc.sql(ACCOUNT_SELECT
                        + " where a.point_type_id = :pointType and a.owner_kind = :kind and a.owner_id = :owner")
                .param("pointType", pointType.id())
                .param("kind", kind.name())
                .param("owner", ownerId)
                .query(Catalog::accountRow)
                .optional()
                .map(this::remember);
    }

    /** The merchant's account with this public id; another merchant's account is as absent as a made-up id. */
    Optional<Account> find(String merchantId, String publicId) {
        if (publicId == null) {
            return Optional.empty();
        }
        Account account = accountsByPublicId.get(publicId);
        if (account == null) {
            account = jdbc.sql(ACCOUNT_SELECT + " where a.public_id = :id")
                    .param("id", publicId)
                    .query(Catalog::accountRow)
                    .optional()
                    .map(this::remember)
                    .orElse(null);
        }
        return account != null && account.merchantId().equals(merchantId) ? Optional.of(account) : Optional.empty();
    }

    /** For request fields: an unknown account is a refused request (422), not a missing resource. */
    Account account(String merchantId, String field, String publicId) {
        if (publicId == null || publicId.isBlank()) {
            throw LedgerErrors.invalid(field, "is required").exception();
        }
        return find(merchantId, publicId)
                .orElseThrow(() -> LedgerErrors.unknownAccount(publicId).exception());
    }

    Account accountById(long id) {
        Account cached = accountsById.get(id);
        if (cached != null) {
            return cached;
        }
        return remember(jdbc.sql(ACCOUNT_SELECT + " where a.id = :id")
                .param("id", id)
                .query(Catalog::accountRow)
                .single());
    }

    private Account remember(Account account) {
        accountsByPublicId.put(account.publicId(), account);
        accountsById.put(account.id(), account);
        return account;
    }

    private static final String ACCOUNT_SELECT = """
            select a.id, a.public_id, a.merchant_id, a.point_type_id, p.code, a.owner_kind, a.owner_id,
                   a.may_go_negative, a.shards
            from ledger_account a join ledger_point_type p on p.id = a.point_type_id""";

    private static Account accountRow(ResultSet row, int n) throws SQLException {
        return new Account(
                row.getLong("id"),
                row.getString("public_id"),
                row.getString("merchant_id"),
                row.getLong("point_type_id"),
                row.getString("code"),
                OwnerKind.valueOf(row.getString("owner_kind")),
                row.getString("owner_id"),
                row.getBoolean("may_go_negative"),
                row.getInt("shards"));
    }

    // ---- reason codes

    ReasonView registerReason(String merchantId, ReasonRequest request) {
        if (request.code() == null || request.code() <= 0) {
            throw LedgerErrors.invalid("code", "a positive integer").exception();
        }
        String description = required("description", request.description());
        if (description.length() > 200) {
            throw LedgerErrors.invalid("description", "at most 200 characters").exception();
        }
        Set<OwnerKind> payers = kinds(request.payerKinds());
        Set<OwnerKind> payees = kinds(request.payeeKinds());
        jdbc.sql("""
                        insert into ledger_reason (merchant_id, code, description, payer_kinds, payee_kinds, created_at)
                        values (:merchant, :code, :description, :payers, :payees, :now) on conflict do nothing""")
                .param("merchant", merchantId)
                .param("code", request.code())
                .param("description", description)
                .param("payers", names(payers))
                .param("payees", names(payees))
                .param("now", JdbcTime.at(JdbcTime.toDatabasePrecision(clock.instant())))
                .update();
        Reason reason = findReason(merchantId, request.code()).orElseThrow();
        if (!reason.description().equals(description)
                || !reason.payerKinds().equals(payers)
                || !reason.payeeKinds().equals(payees)) {
            throw LedgerErrors.reasonExists(request.code()).exception();
        }
        return reason.view();
    }

    Reason reason(String merchantId, Integer code) {
        if (code == null) {
            throw LedgerErrors.invalid("reason", "is required").exception();
        }
        return findReason(merchantId, code)
                .orElseThrow(() -> LedgerErrors.unknownReason(code).exception());
    }

    Optional<Reason> findReason(String merchantId, int code) {
        String key = merchantId + "\u0000" + code;
        Reason cached = reasons.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Reason> found = jdbc.sql("select * from ledger_reason where merchant_id = :merchant and code = :code")
                .param("merchant", merchantId)
                .param("code", code)
                .query(Catalog::reasonRow)
                .optional();
        found.ifPresent(reason -> reasons.put(key, reason));
        return found;
    }

    List<ReasonView> reasons(String merchantId) {
        return jdbc
                .sql("select * from ledger_reason where merchant_id = :merchant order by code")
                .param("merchant", merchantId)
                .query(Catalog::reasonRow)
                .list()
                .stream()
                .map(Reason::view)
                .toList();
    }

    private static Reason reasonRow(ResultSet row, int n) throws SQLException {
        return new Reason(
                row.getString("merchant_id"),
                row.getInt("code"),
                row.getString("description"),
                kindsOf(row.getArray("payer_kinds")),
                kindsOf(row.getArray("payee_kinds")),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Set<OwnerKind> kindsOf(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return Arrays.stream((String[]) array.getArray())
                .map(OwnerKind::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OwnerKind.class)));
    }

    private static Set<OwnerKind> kinds(@Nullable Set<OwnerKind> kinds) {
        return kinds == null || kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds);
    }

    private static String @Nullable [] names(Set<OwnerKind> kinds) {
        return kinds.isEmpty() ? null : kinds.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static PointType pointTypeRow(ResultSet row, int n) throws SQLException {
        return new PointType(
                row.getLong("id"),
                row.getString("merchant_id"),
                row.getString("code"),
                row.getString("name"),
                row.getInt("scale"),
                row.getString("status"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw LedgerErrors.invalid(field, "is required").exception();
        }
        return value;
    }
}
