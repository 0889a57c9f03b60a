package io.tongbao.sdk;

import io.tongbao.sdk.ledger.Account;
import io.tongbao.sdk.ledger.Batch;
import io.tongbao.sdk.ledger.BatchResult;
import io.tongbao.sdk.ledger.Conversion;
import io.tongbao.sdk.ledger.DailyTotal;
import io.tongbao.sdk.ledger.Hold;
import io.tongbao.sdk.ledger.HoldResolution;
import io.tongbao.sdk.ledger.NewAccount;
import io.tongbao.sdk.ledger.NewConversion;
import io.tongbao.sdk.ledger.NewHold;
import io.tongbao.sdk.ledger.NewPointType;
import io.tongbao.sdk.ledger.NewReason;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.sdk.ledger.PointType;
import io.tongbao.sdk.ledger.Reason;
import io.tongbao.sdk.ledger.Reversal;
import io.tongbao.sdk.ledger.Statement;
import io.tongbao.sdk.ledger.Transfer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points ledger (see docs/ledger.md): {@code client.ledger().transfer(...)}. Transfers, holds, reversals and
 * conversions are idempotent by the id you choose; every POST also carries the client's idempotency key.
 */
public final class LedgerApi {

    private static final String BASE = "/api/v1/ledger";

    private final TongbaoClient client;

    public LedgerApi(TongbaoClient client) {
        this.client = client;
    }

    public PointType createPointType(NewPointType pointType) {
        return client.post(BASE + "/point-types", pointType, PointType.class);
    }

    public PointType pointType(String code) {
        return client.get(BASE + "/point-types/" + CanonicalRequest.encode(code), Map.of(), PointType.class);
    }

    public List<PointType> pointTypes() {
        return List.of(client.get(BASE + "/point-types", Map.of(), PointType[].class));
    }

    public Reason registerReason(NewReason reason) {
        return client.post(BASE + "/reasons", reason, Reason.class);
    }

    public List<Reason> reasons() {
        return List.of(client.get(BASE + "/reasons", Map.of(), Reason[].class));
    }

    public Account openAccount(NewAccount account) {
        return client.post(BASE + "/accounts", account, Account.class);
    }

    public Account account(String accountId) {
        return client.get(BASE + "/accounts/" + CanonicalRequest.encode(accountId), Map.of(), Account.class);
    }

    public Account accountOf(String pointType, String ownerKind, String ownerId) {
        return client.get(
                BASE + "/accounts",
                Map.of("point_type", pointType, "owner_kind", ownerKind, "owner_id", ownerId),
                Account.class);
    }

    public Account closeAccount(String accountId) {
        return client.post(
                BASE + "/accounts/" + CanonicalRequest.encode(accountId) + "/close", Map.of(), Account.class);
    }

    public Transfer transfer(NewTransfer transfer) {
        return client.post(BASE + "/transfers", transfer, Transfer.class);
    }

    public Transfer transferById(String transferId) {
        return client.get(BASE + "/transfers/" + CanonicalRequest.encode(transferId), Map.of(), Transfer.class);
    }

    public Transfer reverse(String transferId, Reversal reversal) {
        return client.post(
                BASE + "/transfers/" + CanonicalRequest.encode(transferId) + "/reversal", reversal, Transfer.class);
    }

    public BatchResult batch(Batch batch) {
        return client.post(BASE + "/batches", batch, BatchResult.class);
    }

    public Hold hold(NewHold hold) {
        return client.post(BASE + "/holds", hold, Hold.class);
    }

    public Hold holdById(String holdId) {
        return client.get(BASE + "/holds/" + CanonicalRequest.encode(holdId), Map.of(), Hold.class);
    }

    public Hold postHold(String holdId, HoldResolution resolution) {
        return client.post(BASE + "/holds/" + CanonicalRequest.encode(holdId) + "/post", resolution, Hold.class);
    }

    public Hold voidHold(String holdId, String transferId) {
        return client.post(
                BASE + "/holds/" + CanonicalRequest.encode(holdId) + "/void",
                new HoldResolution(transferId, null),
                Hold.class);
    }

    public Conversion convert(NewConversion conversion) {
        return client.post(BASE + "/conversions", conversion, Conversion.class);
    }

    public Conversion conversionById(String conversionId) {
        return client.get(BASE + "/conversions/" + CanonicalRequest.encode(conversionId), Map.of(), Conversion.class);
    }

    /** A page of the account's postings, newest first; {@code cursor} null for the first page. */
    public Statement statement(String accountId, int limit, String cursor) {
        return statement(accountId, limit, cursor, null, null, null);
    }

    /** With filters; any of {@code from}, {@code to} (exclusive) and {@code reason} may be null. */
    public Statement statement(String accountId, int limit, String cursor, Instant from, Instant to, Integer reason) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        if (reason != null) {
            query.put("reason", reason.toString());
        }
        return client.get(
                BASE + "/accounts/" + CanonicalRequest.encode(accountId) + "/statement", query, Statement.class);
    }

    /** Totals per reason and kind on one day, cut in {@code zone} (e.g. "Asia/Shanghai"). */
    public List<DailyTotal> dailyTotals(String pointType, LocalDate date, String zone) {
        return List.of(client.get(
                BASE + "/reports/daily-totals",
                Map.of("point_type", pointType, "date", date.toString(), "zone", zone),
                DailyTotal[].class));
    }
}
