package io.tongbao.ledger;

/** What became of one entry: written now, written by an earlier identical request, or refused. */
sealed interface Outcome {

    record Applied(StoredTransfer transfer) implements Outcome {}

    record Replayed(StoredTransfer transfer) implements Outcome {}

    record Failed(LedgerRefusal refusal) implements Outcome {}
}
