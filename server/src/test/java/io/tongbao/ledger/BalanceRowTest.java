package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.shared.web.ApiException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * One locked balance row's rules: available = balance − frozen; an ordinary account may end at zero available but
 * never below, an issuer anywhere; a posting sets the balance, counts and chains; rows are locked in (account,
 * shard) order. The amounts a transfer or hold may move (positive only) are {@link Amount}'s rule.
 */
class BalanceRowTest {

    private static final byte[] GENESIS = Hashes.genesis(7, 0);
    private static final byte[] DIGEST = Hashes.sha256().digest("transfer".getBytes());

    // available and allows

    @Test
    void availableIsTheBalanceLessWhatIsFrozen() {
        assertThat(account(100, 30).available()).isEqualTo(70);
        assertThat(account(100, 100).available()).isZero();
    }

    @Test
    void anAccountMayBeEmptiedToExactlyZeroAvailable() {
        BalanceRow row = account(100, 30);
        assertThat(row.allows(30, 30)).as("pays its 70 available").isTrue();
        assertThat(row.allows(0, 0)).as("pays all, the hold posted").isTrue();
    }

    @Test
    void anAccountCannotPayOneMoreThanItHasAvailable() {
        BalanceRow row = account(100, 30);
        assertThat(row.allows(29, 30)).isFalse();
        assertThat(row.allows(-1, 0)).isFalse();
    }

    @Test
    void aHoldCannotReserveMoreThanIsAvailable() {
        BalanceRow row = account(100, 30);
        assertThat(row.allows(100, 100)).isTrue();
        assertThat(row.allows(100, 101)).isFalse();
    }

    @Test
    void anIssuerMayGoAsFarNegativeAsItLikes() {
        BalanceRow issuer = row(0, 0, true);
        assertThat(issuer.allows(-1, 0)).isTrue();
        assertThat(issuer.allows(-1_000_000_000_000L, 5)).isTrue();
        assertThat(issuer.allows(Long.MIN_VALUE + 1, 0)).isTrue();
    }

    @Test
    void allowingAMoveChangesNothing() {
        BalanceRow row = account(100, 30);
        row.allows(29, 30);
        row.allows(50, 10);
        assertThat(row.balance).isEqualTo(100);
        assertThat(row.frozen).isEqualTo(30);
        assertThat(row.seq).isEqualTo(4);
        assertThat(row.changed).isFalse();
    }

    /**
     * Every payment (balance − amount, a hold of {@code released} posted with it) from any state an ordinary account
     * can be in (0 ≤ frozen ≤ balance): allowed exactly when the balance after covers the frozen amount after.
     */
    @Property
    void anOrdinaryAccountPaysExactlyWhenItsAvailableCoversIt(
            @ForAll @LongRange(min = 0) long x, @ForAll @LongRange(min = 0) long y, @ForAll @LongRange(min = 0) long z,
            @ForAll @LongRange(min = 1) long amount) {
        long[] sorted = {x, y, z};
        Arrays.sort(sorted);
        long released = sorted[0];
        long frozen = sorted[1];
        long balance = sorted[2];
        BalanceRow row = account(balance, frozen);
        long newBalance = balance - amount;
        long newFrozen = frozen - released;
        boolean covered = BigInteger.valueOf(balance).subtract(BigInteger.valueOf(amount))
                .compareTo(BigInteger.valueOf(newFrozen)) >= 0;
        assertThat(row.allows(newBalance, newFrozen)).isEqualTo(covered);
    }

    @Property
    void anOrdinaryAccountReservesExactlyWhatIsAvailable(
            @ForAll @LongRange(min = 0) long x, @ForAll @LongRange(min = 0) long y,
            @ForAll @LongRange(min = 1) long amount) {
        long balance = Math.max(x, y);
        long frozen = Math.min(x, y);
        Assume.that(amount <= Long.MAX_VALUE - frozen);
        assertThat(account(balance, frozen).allows(balance, frozen + amount)).isEqualTo(amount <= balance - frozen);
    }

    // post

    @Test
    void aPostingSetsTheBalanceCountsAndChainsTheHash() {
        BalanceRow row = new BalanceRow(7, 0, 100, 30, false, false, 0, GENESIS);
        BalanceRow.Posting posting = row.post(3, DIGEST, -40, 60);

        assertThat(row.balance).isEqualTo(60);
        assertThat(row.frozen).as("a posting leaves the frozen amount to its caller").isEqualTo(30);
        assertThat(row.seq).isEqualTo(1);
        assertThat(row.changed).isTrue();
        assertThat(row.head).isEqualTo(Hashes.chain(GENESIS, DIGEST, -40, 60, 1));
        assertThat(posting).usingRecursiveComparison().isEqualTo(
                new BalanceRow.Posting(7, 0, 1, 3, -40, 60, Hashes.chain(GENESIS, DIGEST, -40, 60, 1)));
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
        assertThat(one.post(0, DIGEST, 10, 10).hash()).isNotEqualTo(other.post(0, DIGEST, 10, 10).hash());
    }

    @Test
    void aFreshRowIsUnchanged() {
        assertThat(account(100, 30).changed).isFalse();
    }

    // lock order

    @Test
    void rowsAreLockedByAccountThenShard() {
        List<BalanceRow.Key> keys = new ArrayList<>(List.of(new BalanceRow.Key(2, 0), new BalanceRow.Key(1, 3),
                new BalanceRow.Key(10, 0), new BalanceRow.Key(1, 0), new BalanceRow.Key(2, 1)));
        Collections.shuffle(keys);
        assertThat(new TreeSet<>(keys)).containsExactly(new BalanceRow.Key(1, 0), new BalanceRow.Key(1, 3),
                new BalanceRow.Key(2, 0), new BalanceRow.Key(2, 1), new BalanceRow.Key(10, 0));
    }

    @Property
    void theLockOrderIsTheOrderOfAccountThenShard(
            @ForAll long accountA, @ForAll @IntRange(min = 0, max = 63) int shardA,
            @ForAll long accountB, @ForAll @IntRange(min = 0, max = 63) int shardB) {
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
            assertThatThrownBy(() -> new Amount(bad)).as(String.valueOf(bad)).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("amount: ");
        }
        assertThatThrownBy(() -> Amount.of(null)).isInstanceOf(ApiException.class).hasMessage("amount: is required");
    }

    private static BalanceRow account(long balance, long frozen) {
        return row(balance, frozen, false);
    }

    private static BalanceRow row(long balance, long frozen, boolean mayGoNegative) {
        return new BalanceRow(7, 0, balance, frozen, mayGoNegative, false, 4, GENESIS);
    }
}
