package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * One locked balance row: what the rules see of it, a posting sets the balance, counts and chains; rows are locked in
 * (account, shard) order. What a row may end at is {@link LedgerRules}' (LedgerRulesTest); the amounts a transfer or
 * hold may move (positive only) are {@link Amount}'s rule.
 */
class BalanceRowTest {

    private static final byte[] GENESIS = Hashes.genesis(7, 0);
    private static final byte[] DIGEST = Hashes.sha256().digest("transfer".getBytes());

    @Test
    void askingTheRulesChangesNoRow() {
        BalanceRow row = account(100, 30);
        LedgerRules.move("acc_a", row.state(), "acc_b", account(0, 0).state(), 71, 0);
        LedgerRules.move("acc_a", row.state(), "acc_b", account(0, 0).state(), 50, 10);
        LedgerRules.reserve("acc_a", row.state(), 50);
        assertThat(row.balance).isEqualTo(100);
        assertThat(row.frozen).isEqualTo(30);
        assertThat(row.seq).isEqualTo(4);
        assertThat(row.changed).isFalse();
    }

    @Test
    void theRulesSeeTheRowAsItIs() {
        BalanceRow row = new BalanceRow(7, 0, 100, 30, true, true, 4, GENESIS);
        assertThat(row.state()).isEqualTo(new LedgerRules.Balance(100, 30, true, true));
        assertThat(row.state().available()).isEqualTo(70);
    }

    @Test
    void freezingSetsTheReservedAmountAndMarksTheRow() {
        BalanceRow row = account(100, 30);
        row.freeze(80);
        assertThat(row.frozen).isEqualTo(80);
        assertThat(row.balance).isEqualTo(100);
        assertThat(row.changed).isTrue();
    }

    // post

    @Test
    void aPostingSetsTheBalanceCountsAndChainsTheHash() {
        BalanceRow row = new BalanceRow(7, 0, 100, 30, false, false, 0, GENESIS);
        BalanceRow.Posting posting = row.post(3, DIGEST, -40, 60);

        assertThat(row.balance).isEqualTo(60);
        assertThat(row.frozen)
                .as("a posting leaves the frozen amount to its caller")
                .isEqualTo(30);
        assertThat(row.seq).isEqualTo(1);
        assertThat(row.changed).isTrue();
        assertThat(row.head).isEqualTo(Hashes.chain(GENESIS, DIGEST, -40, 60, 1));
        assertThat(posting)
                .usingRecursiveComparison()
                .isEqualTo(new BalanceRow.Posting(7, 0, 1, 3, -40, 60, Hashes.chain(GENESIS, DIGEST, -40, 60, 1)));
    }

    @Test
    void eachPostingChainsFromTheOneBefore() {
        BalanceRow row = new BalanceRow(7, 2, 0, 0, false, false, 0, GENESIS);
        byte[] first = row.post(0, DIGEST, 10, 10).hash();
        byte[] second = row.post(1, DIGEST, 10, 20).hash();

        assertThat(second).isEqualTo(Hashes.chain(first, DIGEST, 10, 20, 2)).isNotEqualTo(first);
        assertThat(row.seq).isEqualTo(2);
        assertThat(row.head).isEqualTo(second);
    }

    @Test
    void theSamePostingOnAnotherHistoryHashesDifferently() {
        BalanceRow one = new BalanceRow(7, 0, 0, 0, false, false, 0, GENESIS);
        BalanceRow other = new BalanceRow(8, 0, 0, 0, false, false, 0, Hashes.genesis(8, 0));
        assertThat(one.post(0, DIGEST, 10, 10).hash())
                .isNotEqualTo(other.post(0, DIGEST, 10, 10).hash());
    }

    @Test
    void aFreshRowIsUnchanged() {
        assertThat(account(100, 30).changed).isFalse();
    }

    // lock order

    @Test
    void rowsAreLockedByAccountThenShard() {
        List<BalanceRow.Key> keys = new ArrayList<>(List.of(
                new BalanceRow.Key(2, 0),
                new BalanceRow.Key(1, 3),
                new BalanceRow.Key(10, 0),
                new BalanceRow.Key(1, 0),
                new BalanceRow.Key(2, 1)));
        Collections.shuffle(keys);
        assertThat(new TreeSet<>(keys))
                .containsExactly(
                        new BalanceRow.Key(1, 0),
                        new BalanceRow.Key(1, 3),
                        new BalanceRow.Key(2, 0),
                        new BalanceRow.Key(2, 1),
                        new BalanceRow.Key(10, 0));
    }

    @Property
    void theLockOrderIsTheOrderOfAccountThenShard(
            @ForAll long accountA,
            @ForAll @IntRange(min = 0, max = 63) int shardA,
            @ForAll long accountB,
            @ForAll @IntRange(min = 0, max = 63) int shardB) {
        BalanceRow.Key a = new BalanceRow.Key(accountA, shardA);
        BalanceRow.Key b = new BalanceRow.Key(accountB, shardB);
        int expected = accountA != accountB ? Long.compare(accountA, accountB) : Integer.compare(shardA, shardB);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-Integer.signum(expected));
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    }

    // Amount

    @Test
    void anAmountIsAPositiveWholeNumberOfMinorUnits() {
        assertThat(new Amount(1).value()).isEqualTo(1);
        assertThat(Amount.of(Long.MAX_VALUE).value()).isEqualTo(Long.MAX_VALUE);
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> new Amount(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageStartingWith("amount: ");
        }
        assertThatThrownBy(() -> Amount.of(null))
                .isInstanceOf(LedgerException.class)
                .hasMessage("amount: is required");
    }

    private static BalanceRow account(long balance, long frozen) {
        return row(balance, frozen, false);
    }

    private static BalanceRow row(long balance, long frozen, boolean mayGoNegative) {
        return new BalanceRow(7, 0, balance, frozen, mayGoNegative, false, 4, GENESIS);
    }
}
