package io.tongbao.sdk.ledger;

import java.util.List;

/** {@code mode}: INDEPENDENT (a result per item) or LINKED (all or nothing). At most 1,000 transfers. */
public record Batch(String mode, List<NewTransfer> transfers) {

    public static Batch independent(List<NewTransfer> transfers) {
        return new Batch("INDEPENDENT", transfers);
    }

    public static Batch linked(List<NewTransfer> transfers) {
        return new Batch("LINKED", transfers);
    }
}
