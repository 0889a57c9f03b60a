package io.tongbao.ledger;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One result per item, in the order of the request. */
public record BatchResult(BatchMode mode, int applied, int failed, List<Item> results) {

    public enum Status {
        APPLIED,
        REPLAYED,
        FAILED
    }

    public record Item(
            int index,
            @Nullable String transferId,
            Status status,
            @Nullable TransferView transfer,
            @Nullable Failure error) {}

    /** A refused item: the refusal's code and message, as a single call's error answer would carry them. */
    public record Failure(String code, String message) {

        static Failure of(LedgerRefusal refusal) {
            return new Failure(refusal.code().name(), refusal.message());
        }
    }
}
