package io.tongbao.ledger;

/**
 * One locked row of ledger_balance, changed in memory by {@link Journal} and written back once. Each change is
 * first allowed by {@link LedgerRules} and only then made, so a refused entry leaves the row as it was.
 */
final class BalanceRow {

    final long accountId;
    final int shard;
    final boolean mayGoNegative;
    final boolean closed;
    long balance;
    long frozen;
    long seq;
    byte[] head;
    boolean changed;

    BalanceRow(
            long accountId,
            int shard,
            long balance,
            long frozen,
            boolean mayGoNegative,
            boolean closed,
            long seq,
            byte[] head) {
        this.accountId = accountId;
        this.shard = shard;
        this.balance = balance;
        this.frozen = frozen;
        this.mayGoNegative = mayGoNegative;
        this.closed = closed;
        this.seq = seq;
        this.head = head;
    }

    /** What the rules need to know of the row now. */
    LedgerRules.Balance state() {
        return new LedgerRules.Balance(balance, frozen, mayGoNegative, closed);
    }

    /** Sets the reserved amount a hold, void or expiry leaves, as the rules computed it. */
    void freeze(long newFrozen) {
        frozen = newFrozen;
        changed = true;
    }

    /** Applies a posting and returns the hash it chains in. */
    Posting post(long transferIndex, byte[] transferDigest, long amount, long newBalance) {
        balance = newBalance;
        seq = seq + 1;
        head = Hashes.chain(head, transferDigest, amount, newBalance, seq);
        changed = true;
        return new Posting(accountId, shard, seq, transferIndex, amount, newBalance, head);
    }

    record Posting(
            long accountId, int shard, long seq, long transferIndex, long amount, long balanceAfter, byte[] hash) {}

    record Key(long accountId, int shard) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byAccount = Long.compare(accountId, other.accountId);
            return byAccount != 0 ? byAccount : Integer.compare(shard, other.shard);
        }
    }
}
