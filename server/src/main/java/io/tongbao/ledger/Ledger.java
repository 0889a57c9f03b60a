package io.tongbao.ledger;

import io.tongbao.shared.web.MerchantCaller;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The ledger's Java API, the same operations the merchant endpoints offer. Every call is scoped by the caller's
 * merchant id: another merchant's point types, accounts and transfers do not exist for it.
 */
@Service
public class Ledger {

    public static final int MAX_BATCH = 1000;

    private final Catalog catalog;
    private final EntryFactory entries;
    private final Journal journal;
    private final FastTransfers fast;
    private final LedgerQueries queries;

    Ledger(Catalog catalog, EntryFactory entries, Journal journal, FastTransfers fast, LedgerQueries queries) {
        this.catalog = catalog;
        this.entries = entries;
        this.journal = journal;
        this.fast = fast;
        this.queries = queries;
    }

    // ---- point types, reasons, accounts

    public PointTypeView createPointType(MerchantCaller caller, PointTypeRequest request) {
        return catalog.createPointType(caller.merchantId(), request);
    }

    public PointTypeView pointType(MerchantCaller caller, String code) {
        return catalog.findPointType(caller.merchantId(), code)
                .map(catalog::view)
                .orElseThrow(() -> LedgerErrors.notFound("point type", code).exception());
    }

    public List<PointTypeView> pointTypes(MerchantCaller caller) {
        return catalog.pointTypes(caller.merchantId());
    }

    public ReasonView registerReason(MerchantCaller caller, ReasonRequest request) {
        return catalog.registerReason(caller.merchantId(), request);
    }

    public List<ReasonView> reasons(MerchantCaller caller) {
        return catalog.reasons(caller.merchantId());
    }

    public AccountView openAccount(MerchantCaller caller, AccountRequest request) {
        return queries.account(catalog.openAccount(caller.merchantId(), request));
    }

    public AccountView account(MerchantCaller caller, String accountId) {
        return queries.account(ownAccount(caller, accountId));
    }

    public AccountView accountOf(MerchantCaller caller, String pointType, OwnerKind ownerKind, String ownerId) {
        PointType type = catalog.pointType(caller.merchantId(), pointType);
        return catalog.findByOwner(type, ownerKind, ownerId)
                .map(queries::account)
                .orElseThrow(() -> LedgerErrors.notFound("account of", ownerKind + " " + ownerId)
                        .exception());
    }

    /** Closes an account that holds nothing; a closed account neither pays nor receives. */
    public AccountView closeAccount(MerchantCaller caller, String accountId) {
        Account account = LedgerRules.closing(ownAccount(caller, accountId)).orThrow();
        catalog.close(account);
        return queries.account(account);
    }

    // ---- transfers

    public TransferView transfer(MerchantCaller caller, TransferRequest request) {
        Entry entry = entries.transfer(caller.merchantId(), request);
        return fast.transfer(caller.merchantId(), caller.appId(), entry)
                .map(queries::view)
                .orElseGet(() -> replay(caller.merchantId(), entry));
    }

    private TransferView replay(String merchantId, Entry entry) {
        StoredTransfer stored = queries.existingTransfer(merchantId, entry.clientId());
        if (!stored.sameRequestAs(entry)) {
            throw LedgerErrors.transferIdReused(entry.clientId()).exception();
        }
        return queries.view(stored);
    }

    public TransferView transferById(MerchantCaller caller, String transferId) {
        return queries.view(queries.existingTransfer(caller.merchantId(), transferId));
    }

    public TransferView reverse(MerchantCaller caller, String transferId, ReversalRequest request) {
        StoredTransfer original = queries.existingTransfer(caller.merchantId(), transferId);
        return single(caller, entries.reversal(caller.merchantId(), original, request));
    }

    public BatchResult batch(MerchantCaller caller, BatchRequest request) {
        BatchMode mode = request.mode() == null ? BatchMode.INDEPENDENT : request.mode();
        List<TransferRequest> items = request.transfers();
        if (items == null || items.isEmpty() || items.size() > MAX_BATCH) {
            throw LedgerErrors.invalid("transfers", "between 1 and " + MAX_BATCH + " transfers")
                    .exception();
        }
        Set<String> ids = new HashSet<>();
        for (TransferRequest item : items) {
            if (item == null || !ids.add(String.valueOf(item.transferId()))) {
                throw LedgerErrors.invalid("transfers", "each transfer_id at most once in a batch")
                        .exception();
            }
        }
        List<Entry> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        BatchResult.Item[] results = new BatchResult.Item[items.size()];
        for (int i = 0; i < items.size(); i++) {
            try {
                valid.add(entries.transfer(caller.merchantId(), items.get(i)));
                validIndex.add(i);
            } catch (LedgerException refused) {
                if (mode == BatchMode.LINKED) {
                    return linkedRefusal(mode, items, i, refused.refusal());
                }
                results[i] = failed(i, items.get(i).transferId(), refused.refusal());
            }
        }
        if (!valid.isEmpty()) {
            List<Outcome> outcomes =
                    journal.apply(caller.merchantId(), caller.appId(), valid, mode == BatchMode.LINKED);
            for (int v = 0; v < valid.size(); v++) {
                int i = validIndex.get(v);
                String id = valid.get(v).clientId();
                results[i] = switch (outcomes.get(v)) {
                    case Outcome.Applied applied ->
                        new BatchResult.Item(i, id, BatchResult.Status.APPLIED, queries.view(applied.transfer()), null);
                    case Outcome.Replayed replayed ->
                        new BatchResult.Item(
                                i, id, BatchResult.Status.REPLAYED, queries.view(replayed.transfer()), null);
                    case Outcome.Failed failed -> failed(i, id, failed.refusal());
                };
            }
        }
        List<BatchResult.Item> list = List.of(results);
        int failedCount = (int) list.stream()
                .filter(item -> item.status() == BatchResult.Status.FAILED)
                .count();
        return new BatchResult(mode, list.size() - failedCount, failedCount, list);
    }

    private static BatchResult linkedRefusal(
            BatchMode mode, List<TransferRequest> items, int index, LedgerRefusal refused) {
        List<BatchResult.Item> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            results.add(failed(i, items.get(i).transferId(), i == index ? refused : LedgerErrors.linkedFailed()));
        }
        return new BatchResult(mode, 0, items.size(), results);
    }

    private static BatchResult.Item failed(int index, @Nullable String transferId, LedgerRefusal refusal) {
        return new BatchResult.Item(
                index, transferId, BatchResult.Status.FAILED, null, BatchResult.Failure.of(refusal));
    }

    // ---- holds

    public HoldView hold(MerchantCaller caller, HoldRequest request) {
        Entry entry = entries.hold(caller.merchantId(), request);
        single(caller, entry);
        return queries.hold(caller.merchantId(), entry.clientId());
    }

    public HoldView postHold(MerchantCaller caller, String holdId, HoldResolution resolution) {
        return resolve(caller, holdId, TransferKind.POST, resolution);
    }

    public HoldView voidHold(MerchantCaller caller, String holdId, HoldResolution resolution) {
        if (resolution.amount() != null) {
            throw LedgerErrors.invalid("amount", "a void releases the whole hold; leave it out")
                    .exception();
        }
        return resolve(caller, holdId, TransferKind.VOID, resolution);
    }

    private HoldView resolve(MerchantCaller caller, String holdId, TransferKind kind, HoldResolution resolution) {
        String clientId = EntryFactory.clientId("transfer_id", resolution.transferId());
        StoredTransfer hold = queries.existingTransfer(caller.merchantId(), holdId);
        if (hold.kind() != TransferKind.HOLD) {
            throw LedgerErrors.notFound("hold", holdId).exception();
        }
        single(caller, entries.resolve(hold, kind, clientId, resolution.amount()));
        return queries.hold(caller.merchantId(), holdId);
    }

    public HoldView holdById(MerchantCaller caller, String holdId) {
        return queries.hold(caller.merchantId(), holdId);
    }

    // ---- conversions

    /**
     * Two linked transfers: the payer's points into the EXCHANGE account of their type, and points of the other type
     * out of its EXCHANGE account to the payee. The target's exchange account must hold enough (the merchant funds
     * it from its central bank), so a conversion never creates points the merchant did not issue.
     */
    public ConversionView convert(MerchantCaller caller, ConversionRequest request) {
        String conversionId = EntryFactory.clientId("conversion_id", request.conversionId());
        Account from = catalog.account(caller.merchantId(), "from_account", request.fromAccount());
        Account to = catalog.account(caller.merchantId(), "to_account", request.toAccount());
        if (from.pointTypeId() == to.pointTypeId()) {
            throw LedgerErrors.invalid("to_account", "a conversion goes to another point type")
                    .exception();
        }
        long amount = Amount.of(request.amount()).value();
        if (request.rateNumerator() == null
                || request.rateNumerator() <= 0
                || request.rateDenominator() == null
                || request.rateDenominator() <= 0) {
            throw LedgerErrors.invalid("rate_numerator", "rate_numerator and rate_denominator must be positive")
                    .exception();
        }
        long converted = LedgerRules.converted(amount, request.rateNumerator(), request.rateDenominator())
                .orThrow();
        PointType source = catalog.pointTypeById(from.pointTypeId());
        PointType target = catalog.pointTypeById(to.pointTypeId());
        Entry debit = entries.transfer(
                caller.merchantId(),
                conversionId + "~out",
                new TransferRequest(
                        null,
                        source.code(),
                        from.publicId(),
                        catalog.systemAccount(source, SystemAccount.EXCHANGE).publicId(),
                        amount,
                        request.reason(),
                        request.memo(),
                        request.metadata()));
        Entry credit = entries.transfer(
                caller.merchantId(),
                conversionId + "~in",
                new TransferRequest(
                        null,
                        target.code(),
                        catalog.systemAccount(target, SystemAccount.EXCHANGE).publicId(),
                        to.publicId(),
                        converted,
                        request.reason(),
                        request.memo(),
                        request.metadata()));
        List<Outcome> outcomes = journal.apply(caller.merchantId(), caller.appId(), List.of(debit, credit), true);
        throwFirstCause(outcomes);
        return new ConversionView(
                conversionId, queries.view(stored(outcomes.get(0))), queries.view(stored(outcomes.get(1))));
    }

    public ConversionView conversionById(MerchantCaller caller, String conversionId) {
        return new ConversionView(
                conversionId,
                queries.view(queries.existingTransfer(caller.merchantId(), conversionId + "~out")),
                queries.view(queries.existingTransfer(caller.merchantId(), conversionId + "~in")));
    }

    // ---- reads

    public StatementPage statement(MerchantCaller caller, String accountId, StatementQuery query) {
        return queries.statement(ownAccount(caller, accountId), query);
    }

    public List<DailyTotal> dailyTotals(MerchantCaller caller, String pointType, LocalDate day, ZoneId zone) {
        return queries.dailyTotals(catalog.pointType(caller.merchantId(), pointType), day, zone);
    }

    private Account ownAccount(MerchantCaller caller, String accountId) {
        return catalog.find(caller.merchantId(), accountId)
                .orElseThrow(() -> LedgerErrors.notFound("account", accountId).exception());
    }

    private TransferView single(MerchantCaller caller, Entry entry) {
        return queries.view(stored(journal.apply(caller.merchantId(), caller.appId(), List.of(entry), true)
                .get(0)));
    }

    /** Of a failed linked set, the refusal that caused it rather than the "another item failed" of the rest. */
    private static void throwFirstCause(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Failed failed
                    && failed.refusal().code() != LedgerRefusal.Code.LINKED_TRANSFER_FAILED) {
                throw failed.refusal().exception();
            }
        }
    }

    private static StoredTransfer stored(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied applied -> applied.transfer();
            case Outcome.Replayed replayed -> replayed.transfer();
            case Outcome.Failed failed -> throw failed.refusal().exception();
        };
    }
}
