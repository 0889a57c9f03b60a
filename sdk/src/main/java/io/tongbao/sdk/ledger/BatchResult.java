package io.tongbao.sdk.ledger;

import java.util.List;

/** One item per request item, in order; status APPLIED, REPLAYED or FAILED (with {@code error}). */
public record BatchResult(String mode, int applied, int failed, List<Item> results) {

    public record Item(int index, String transferId, String status, Transfer transfer, Failure error) {}

    public record Failure(String code, String message) {}
}
