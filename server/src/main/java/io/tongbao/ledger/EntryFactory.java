package io.tongbao.ledger;

import io.tongbao.shared.time.JdbcTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a merchant's request into a validated {@link Entry}: ids well formed, accounts the merchant's own and of the
 * named point type, reason registered and allowing these account kinds, amount positive. Nothing here locks or
 * writes; the balance rules are checked under the row locks.
 */
@Component
class EntryFactory {

    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    private final Catalog catalog;
    private final ObjectMapper json;
    private final Clock clock;

    EntryFactory(Catalog catalog, ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    Entry transfer(String merchantId, TransferRequest request) {
        return transfer(merchantId, clientId("transfer_id", request.transferId()), request);
    }

    /** With a client id the ledger derived itself (conversion legs), which may use characters clients cannot. */
    Entry transfer(String merchantId, String clientId, TransferRequest request) {
        PointType pointType = catalog.pointType(merchantId, request.pointType());
        Account from = catalog.account(merchantId, "from_account", request.fromAccount());
        Account to = catalog.account(merchantId, "to_account", request.toAccount());
        checkPair(pointType, from, to);
        Amount amount = Amount.of(request.amount());
        Reason reason = catalog.reason(merchantId, request.reason());
        reason.check(from, to);
        return Entry.transfer(
                clientId, from, to, amount.value(), reason.code(), memo(request.memo()), metadata(request.metadata()));
    }

    Entry hold(String merchantId, HoldRequest request) {
        Entry transfer = transfer(
                merchantId,
                new TransferRequest(
                        request.transferId(),
                        request.pointType(),
                        request.fromAccount(),
                        request.toAccount(),
                        request.amount(),
                        request.reason(),
                        request.memo(),
                        request.metadata()));
        Instant expiresAt = LedgerRules.holdExpiresAt(request.timeoutSeconds(), clock.instant())
                .orThrow();
        return new Entry(
                transfer.clientId(),
                TransferKind.HOLD,
                transfer.pointTypeId(),
                transfer.from(),
                transfer.to(),
                transfer.amount(),
                transfer.reason(),
                transfer.memo(),
                transfer.metadata(),
                null,
                null,
                0,
                JdbcTime.toDatabasePrecision(expiresAt));
    }

    /** POST (with {@code amount}, or all of the hold when absent), VOID or EXPIRE of a stored hold. */
    Entry resolve(StoredTransfer hold, TransferKind kind, String clientId, @Nullable Long amount) {
        long value = LedgerRules.resolvedAmount(kind, amount, hold.amount());
        return new Entry(
                clientId,
                kind,
                hold.pointTypeId(),
                catalog.accountById(hold.from()),
                catalog.accountById(hold.to()),
                value,
                hold.reason(),
                null,
                null,
                hold.id(),
                hold.clientId(),
                hold.amount(),
                null);
    }

    Entry reversal(String merchantId, StoredTransfer original, ReversalRequest request) {
        String clientId = clientId("transfer_id", request.transferId());
        long amount = LedgerRules.reversal(original.clientId(), original.kind(), original.amount(), request.amount())
                .orThrow();
        Account payer = catalog.accountById(original.to());
        Account payee = catalog.accountById(original.from());
        Reason reason = catalog.reason(merchantId, request.reason());
        reason.check(payer, payee);
        return new Entry(
                clientId,
                TransferKind.REVERSAL,
                original.pointTypeId(),
                payer,
                payee,
                amount,
                reason.code(),
                memo(request.memo()),
                null,
                original.id(),
                original.clientId(),
                0,
                null);
    }

    private static void checkPair(PointType pointType, Account from, Account to) {
        if (from.id() == to.id()) {
            throw LedgerErrors.sameAccount().exception();
        }
        if (from.pointTypeId() != pointType.id() || to.pointTypeId() != pointType.id()) {
            throw LedgerErrors.differentPointTypes(from.publicId(), to.publicId(), pointType.code())
                    .exception();
        }
    }

    static String clientId(String field, @Nullable String value) {
        if (value == null || !CLIENT_ID.matcher(value).matches()) {
            throw LedgerErrors.invalid(field, "1-64 characters of A-Z a-z 0-9 _ . : -")
                    .exception();
        }
        return value;
    }

    private static @Nullable String memo(@Nullable String memo) {
        if (memo != null && memo.length() > 256) {
            throw LedgerErrors.invalid("memo", "at most 256 characters").exception();
        }
        return memo;
    }

    /** Stored as JSON with sorted keys, so that the same metadata is always the same text (it is hashed). */
    @Nullable
    String metadata(@Nullable Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        if (metadata.size() > 16) {
            throw LedgerErrors.invalid("metadata", "at most 16 keys").exception();
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey() == null
                    || entry.getKey().isEmpty()
                    || entry.getKey().length() > 40) {
                throw LedgerErrors.invalid("metadata", "keys of 1-40 characters")
                        .exception();
            }
            if (entry.getValue() == null || entry.getValue().length() > 500) {
                throw LedgerErrors.invalid("metadata", "values of at most 500 characters")
                        .exception();
            }
        }
        return json.writeValueAsString(new TreeMap<>(metadata));
    }

    @SuppressWarnings("unchecked")
    @Nullable
    Map<String, String> metadataOf(@Nullable String stored) {
        return stored == null ? null : json.readValue(stored, TreeMap.class);
    }
}
