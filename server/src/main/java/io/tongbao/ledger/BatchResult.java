package io.tongbao.ledger;

import java.util.List;

/** One result per item, in the order of the request. */
public record BatchResult(BatchMode mode, int applied, int failed, List<Item> results) {

    public enum Status {
        APPLIED, REPLAYED, FAILED
    }

    public record Item(int index, String transferId, Status status, TransferView transfer, Failure error) {
    }

    public record Failure(String code, String message) {
    }
}
