package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.ledger.LedgerRefusal.Code;
import io.tongbao.ledger.LedgerRules.Balance;
import io.tongbao.ledger.LedgerRules.HoldTransition;
import io.tongbao.ledger.LedgerRules.Moved;
import io.tongbao.ledger.LedgerRules.Ruling;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger's rules on their own: what a balance may end at, what a move, a hold, a void or an expiry does to it,
 * how a hold may end, what a reversal and a conversion may move. Each property states the rule a second time, in
 * plain arithmetic (BigInteger where Java's would overflow), so a rule written wrong fails here.
 */
class LedgerRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    // ---- what a balance may end at

    @Test
    void availableIsTheBalanceLessWhatIsFrozen() {
        assertThat(account(100, 30).available()).isEqualTo(70);
        assertThat(account(100, 100).available()).isZero();
    }

    @Test
    void anAccountMayBeEmptiedToExactlyZeroAvailable() {
        assertThat(LedgerRules.allows(false, 30, 30))
                .as("pays its 70 available")
                .isTrue();
        assertThat(LedgerRules.allows(false, 0, 0))
                .as("pays all, the hold posted")
                .isTrue();
    }

    @Test
    void anAccountCannotEndOneBelowZeroAvailable() {
        assertThat(LedgerRules.allows(false, 29, 30)).isFalse();
        assertThat(LedgerRules.allows(false, -1, 0)).isFalse();
        assertThat(LedgerRules.allows(false, 100, 101))
                .as("a hold of more than is available")
                .isFalse();
    }

    @Test
    void anIssuerMayGoAsFarNegativeAsItLikes() {
        assertThat(LedgerRules.allows(true, -1, 0)).isTrue();
        assertThat(LedgerRules.allows(true, -1_000_000_000_000L, 5)).isTrue();
        assertThat(LedgerRules.allows(true, Long.MIN_VALUE + 1, 0)).isTrue();
    }

    // ---- moves (TRANSFER, POST, REVERSAL)

    @Test
    void aMoveTakesFromThePayerAndGivesToThePayee() {
        assertThat(allowed(LedgerRules.move("a", account(100, 30), "b", account(5, 0), 70, 0)))
                .isEqualTo(new Moved(30, 30, 75));
    }

    @Test
    void aMoveOfOneMoreThanIsAvailableIsRefusedSayingWhatThereWas() {
        LedgerRefusal refusal = refused(LedgerRules.move("acc_a", account(100, 30), "acc_b", account(0, 0), 71, 0));
        assertThat(refusal.code()).isEqualTo(Code.INSUFFICIENT_FUNDS);
        assertThat(refusal.message()).isEqualTo("account acc_a has 70 available, 71 needed");
        assertThat(refusal.details())
                .containsEntry("account", "acc_a")
                .containsEntry("available", 70L)
                .containsEntry("needed", 71L);
    }

    @Test
    void postingAHoldMovesWhatIsPostedAndReleasesAllItHeld() {
        // 30 held of 100; 20 of it posted: the payer ends at 80 with nothing frozen
        assertThat(allowed(LedgerRules.move("a", account(100, 30), "b", account(0, 0), 20, 30)))
                .isEqualTo(new Moved(80, 0, 20));
        // all its balance was held: posting all of it is allowed although nothing was available
        assertThat(allowed(LedgerRules.move("a", account(30, 30), "b", account(0, 0), 30, 30)))
                .isEqualTo(new Moved(0, 0, 30));
    }

    @Test
    void theIssuerPaysBelowZero() {
        assertThat(allowed(LedgerRules.move("bank", issuer(0), "a", account(0, 0), 1_000, 0)))
                .isEqualTo(new Moved(-1_000, 0, 1_000));
    }

    @Test
    void aClosedAccountNeitherPaysNorReceivesAndThePayerIsNamedFirst() {
        Balance closed = new Balance(100, 0, false, true);
        Balance closedIssuer = new Balance(0, 0, true, true);
        assertThat(refused(LedgerRules.move("a", closed, "b", account(0, 0), 1, 0)))
                .isEqualTo(LedgerErrors.accountClosed("a"));
        assertThat(refused(LedgerRules.move("bank", closedIssuer, "b", account(0, 0), 1, 0))
                        .code())
                .isEqualTo(Code.ACCOUNT_CLOSED);
        assertThat(refused(LedgerRules.move("a", account(100, 0), "b", closed, 1, 0)))
                .isEqualTo(LedgerErrors.accountClosed("b"));
        assertThat(refused(LedgerRules.move("a", closed, "b", closed, 1, 0)))
                .isEqualTo(LedgerErrors.accountClosed("a"));
    }

    @Test
    void aBalanceThatWouldNotFitIn64BitsIsRefused() {
        assertThat(refused(LedgerRules.move("a", account(100, 0), "b", account(Long.MAX_VALUE - 5, 0), 6, 0)))
                .isEqualTo(LedgerErrors.overflow());
        assertThat(refused(LedgerRules.move("bank", issuer(Long.MIN_VALUE + 5), "b", account(0, 0), 6, 0)))
                .isEqualTo(LedgerErrors.overflow());
        assertThat(allowed(LedgerRules.move("a", account(100, 0), "b", account(Long.MAX_VALUE - 5, 0), 5, 0))
                        .payeeBalance())
                .isEqualTo(Long.MAX_VALUE);
    }

    /**
     * Any move from any state an ordinary payer can be in (0 ≤ frozen ≤ balance, a hold of {@code released} of it
     * posted with the move) to any payee: allowed exactly when the payer's balance after covers its frozen amount
     * after and the payee's balance fits; then it conserves points.
     */
    @Property
    void anOrdinaryAccountPaysExactlyWhenItsAvailableCoversIt(
            @ForAll @LongRange(min = 0) long x,
            @ForAll @LongRange(min = 0) long y,
            @ForAll @LongRange(min = 0) long z,
            @ForAll @LongRange(min = 1) long amount,
            @ForAll("balances") long payeeBalance) {
        long[] sorted = {x, y, z};
        Arrays.sort(sorted);
        long released = sorted[0];
        long frozen = sorted[1];
        long balance = sorted[2];
        Ruling<Moved> ruling =
                LedgerRules.move("a", account(balance, frozen), "b", account(payeeBalance, 0), amount, released);

        BigInteger payerAfter = BigInteger.valueOf(balance).subtract(BigInteger.valueOf(amount));
        BigInteger payeeAfter = BigInteger.valueOf(payeeBalance).add(BigInteger.valueOf(amount));
        if (payeeAfter.compareTo(MAX) > 0) {
            assertThat(refused(ruling).code()).isEqualTo(Code.AMOUNT_OVERFLOW);
        } else if (payerAfter.compareTo(BigInteger.valueOf(frozen - released)) < 0) {
            assertThat(refused(ruling).code()).isEqualTo(Code.INSUFFICIENT_FUNDS);
        } else {
            Moved moved = allowed(ruling);
            assertThat(moved)
                    .isEqualTo(new Moved(payerAfter.longValueExact(), frozen - released, payeeAfter.longValueExact()));
            assertThat(BigInteger.valueOf(moved.payerBalance()).add(BigInteger.valueOf(moved.payeeBalance())))
                    .as("points are neither made nor lost")
                    .isEqualTo(BigInteger.valueOf(balance).add(BigInteger.valueOf(payeeBalance)));
        }
    }

    @Property
    void theIssuerPaysWhateverFitsIn64Bits(@ForAll("balances") long balance, @ForAll @LongRange(min = 1) long amount) {
        Ruling<Moved> ruling = LedgerRules.move("bank", issuer(balance), "b", account(0, 0), amount, 0);
        boolean fits =
                BigInteger.valueOf(balance).subtract(BigInteger.valueOf(amount)).compareTo(MIN) >= 0;
        assertThat(ruling instanceof Ruling.Allowed).isEqualTo(fits);
    }

    @ParameterizedTest
    @EnumSource(OwnerKind.class)
    void onlyAUsersOrAMerchantsAccountCloses(OwnerKind kind) {
        Account account = new Account(1, "acc_1", "m-1", 2, "gold", kind, "o-1", false, 1);
        if (kind == OwnerKind.SYSTEM) {
            assertThat(refused(LedgerRules.closing(account))).isEqualTo(LedgerErrors.systemAccount());
        } else {
            assertThat(allowed(LedgerRules.closing(account))).isSameAs(account);
        }
    }

    // ---- holds on the balance: reserve and release

    @Test
    void aHoldReservesWhatIsAvailableAndNotOneMore() {
        assertThat(allowed(LedgerRules.reserve("a", account(100, 30), 70))).isEqualTo(100L);
        assertThat(refused(LedgerRules.reserve("a", account(100, 30), 71)))
                .isEqualTo(LedgerErrors.insufficientFunds("a", 70, 71));
        assertThat(refused(LedgerRules.reserve("a", new Balance(100, 0, false, true), 1)))
                .isEqualTo(LedgerErrors.accountClosed("a"));
        assertThat(refused(LedgerRules.reserve("bank", new Balance(0, Long.MAX_VALUE, true, false), 1)))
                .isEqualTo(LedgerErrors.overflow());
    }

    @Property
    void anOrdinaryAccountReservesExactlyWhatIsAvailable(
            @ForAll @LongRange(min = 0) long x,
            @ForAll @LongRange(min = 0) long y,
            @ForAll @LongRange(min = 1) long amount) {
        long balance = Math.max(x, y);
        long frozen = Math.min(x, y);
        Assume.that(amount <= Long.MAX_VALUE - frozen);
        Ruling<Long> ruling = LedgerRules.reserve("a", account(balance, frozen), amount);
        if (amount <= balance - frozen) {
            assertThat(allowed(ruling)).isEqualTo(frozen + amount);
        } else {
            assertThat(refused(ruling).code()).isEqualTo(Code.INSUFFICIENT_FUNDS);
        }
    }

    @Test
    void aVoidOrExpiryReleasesAllTheHoldReserved() {
        assertThat(allowed(LedgerRules.release(account(100, 30), 30))).isZero();
        assertThat(allowed(LedgerRules.release(account(100, 70), 30))).isEqualTo(40L);
    }

    // ---- how a hold may end

    @Test
    void aHoldOpensPendingAndEachEndIsFinal() {
        assertThat(LedgerRules.HOLD_OPENS).isEqualTo(HoldStatus.PENDING);
        assertThat(LedgerRules.HOLD_STATUSES).containsOnlyKeys(HoldStatus.values());
        assertThat(LedgerRules.HOLD_STATUSES.get(HoldStatus.PENDING))
                .containsExactlyInAnyOrder(HoldStatus.POSTED, HoldStatus.VOIDED, HoldStatus.EXPIRED);
        for (HoldStatus end : EnumSet.of(HoldStatus.POSTED, HoldStatus.VOIDED, HoldStatus.EXPIRED)) {
            assertThat(LedgerRules.HOLD_STATUSES.get(end)).as(end.name()).isEmpty();
        }
    }

    @Test
    void postVoidAndExpireEachEndAPendingHoldInTheirOwnStatus() {
        assertThat(LedgerRules.holdTransition(TransferKind.POST))
                .isEqualTo(new HoldTransition(Set.of(HoldStatus.PENDING), HoldStatus.POSTED));
        assertThat(LedgerRules.holdTransition(TransferKind.VOID))
                .isEqualTo(new HoldTransition(Set.of(HoldStatus.PENDING), HoldStatus.VOIDED));
        assertThat(LedgerRules.holdTransition(TransferKind.EXPIRE))
                .isEqualTo(new HoldTransition(Set.of(HoldStatus.PENDING), HoldStatus.EXPIRED));
        assertThat(LedgerRules.holdTransition(TransferKind.EXPIRE).fromNames()).containsExactly("PENDING");
    }

    @ParameterizedTest
    @EnumSource(
            value = TransferKind.class,
            names = {"TRANSFER", "HOLD", "REVERSAL"})
    void otherKindsEndNoHold(TransferKind kind) {
        assertThatThrownBy(() -> LedgerRules.holdTransition(kind)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHoldIsDueAtItsTimeoutExactly() {
        Instant expiresAt = NOW.plusSeconds(60);
        assertThat(LedgerRules.isDue(expiresAt, expiresAt.minusNanos(1))).isFalse();
        assertThat(LedgerRules.isDue(expiresAt, expiresAt)).isTrue();
        assertThat(LedgerRules.isDue(expiresAt, expiresAt.plusSeconds(1))).isTrue();
    }

    @Test
    void aPostOrVoidWorksUntilTheTimeoutAndAnExpiryFromIt() {
        Instant expiresAt = NOW.plusSeconds(60);
        Instant before = expiresAt.minusNanos(1);
        assertThat(allowed(resolve(TransferKind.POST, HoldStatus.PENDING, expiresAt, 100, 40, before))
                        .to())
                .isEqualTo(HoldStatus.POSTED);
        assertThat(allowed(resolve(TransferKind.VOID, HoldStatus.PENDING, expiresAt, 100, 100, before))
                        .to())
                .isEqualTo(HoldStatus.VOIDED);
        assertThat(refused(resolve(TransferKind.POST, HoldStatus.PENDING, expiresAt, 100, 40, expiresAt)))
                .isEqualTo(LedgerErrors.holdExpired("h-1", expiresAt));
        assertThat(refused(resolve(TransferKind.VOID, HoldStatus.PENDING, expiresAt, 100, 100, expiresAt))
                        .code())
                .isEqualTo(Code.HOLD_EXPIRED);
        assertThat(refused(resolve(TransferKind.EXPIRE, HoldStatus.PENDING, expiresAt, 100, 100, before)))
                .isEqualTo(LedgerErrors.holdNotDue("h-1", expiresAt));
        assertThat(allowed(resolve(TransferKind.EXPIRE, HoldStatus.PENDING, expiresAt, 100, 100, expiresAt))
                        .to())
                .isEqualTo(HoldStatus.EXPIRED);
    }

    @Test
    void aPostMovesAtMostWhatIsHeld() {
        Instant expiresAt = NOW.plusSeconds(60);
        assertThat(allowed(resolve(TransferKind.POST, HoldStatus.PENDING, expiresAt, 100, 100, NOW))
                        .to())
                .isEqualTo(HoldStatus.POSTED);
        assertThat(allowed(resolve(TransferKind.POST, HoldStatus.PENDING, expiresAt, 100, 1, NOW))
                        .to())
                .isEqualTo(HoldStatus.POSTED);
        LedgerRefusal refusal = refused(resolve(TransferKind.POST, HoldStatus.PENDING, expiresAt, 100, 101, NOW));
        assertThat(refusal.code()).isEqualTo(Code.POST_EXCEEDS_HOLD);
        assertThat(refusal.message()).isEqualTo("cannot post 101 of a hold of 100");
    }

    @Test
    void anEndedHoldAnswersItsStatusEvenPastItsTimeout() {
        Instant expiresAt = NOW.plusSeconds(60);
        LedgerRefusal refusal =
                refused(resolve(TransferKind.POST, HoldStatus.VOIDED, expiresAt, 100, 40, expiresAt.plusSeconds(1)));
        assertThat(refusal.code()).isEqualTo(Code.HOLD_NOT_PENDING);
        assertThat(refusal.message()).isEqualTo("hold h-1 is VOIDED");
    }

    /** Every resolution of every hold at every moment: allowed exactly as the table, the timeout and the amount say. */
    @Property
    void aHoldEndsOnlyAsTheTableTheTimeoutAndTheAmountAllow(
            @ForAll("resolutions") TransferKind kind,
            @ForAll HoldStatus status,
            @ForAll @LongRange(min = -3, max = 3) long secondsPastTimeout,
            @ForAll @LongRange(min = 1, max = 1_000) long held,
            @ForAll @LongRange(min = 1, max = 1_000) long amount) {
        Instant expiresAt = NOW;
        Instant now = NOW.plusSeconds(secondsPastTimeout);
        Ruling<HoldTransition> ruling = resolve(kind, status, expiresAt, held, amount, now);

        boolean due = secondsPastTimeout >= 0;
        boolean pending = status == HoldStatus.PENDING;
        boolean inTime = kind == TransferKind.EXPIRE ? due : !due;
        boolean fits = kind != TransferKind.POST || amount <= held;
        if (pending && inTime && fits) {
            HoldStatus end = allowed(ruling).to();
            assertThat(allowed(ruling)).isEqualTo(LedgerRules.holdTransition(kind));
            assertThat(LedgerRules.HOLD_STATUSES.get(status)).contains(end);
            assertThat(end)
                    .isEqualTo(
                            switch (kind) {
                                case POST -> HoldStatus.POSTED;
                                case VOID -> HoldStatus.VOIDED;
                                default -> HoldStatus.EXPIRED;
                            });
        } else {
            Code expected = !pending
                    ? Code.HOLD_NOT_PENDING
                    : !inTime
                            ? (kind == TransferKind.EXPIRE ? Code.HOLD_NOT_DUE : Code.HOLD_EXPIRED)
                            : Code.POST_EXCEEDS_HOLD;
            assertThat(refused(ruling).code()).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<TransferKind> resolutions() {
        return Arbitraries.of(TransferKind.POST, TransferKind.VOID, TransferKind.EXPIRE);
    }

    @Test
    void aPostMovesWhatItAsksForOrAllAndAVoidOrExpiryReleasesAll() {
        assertThat(LedgerRules.resolvedAmount(TransferKind.POST, 40L, 100)).isEqualTo(40);
        assertThat(LedgerRules.resolvedAmount(TransferKind.POST, null, 100)).isEqualTo(100);
        assertThat(LedgerRules.resolvedAmount(TransferKind.VOID, null, 100)).isEqualTo(100);
        assertThat(LedgerRules.resolvedAmount(TransferKind.EXPIRE, null, 100)).isEqualTo(100);
        assertThatThrownBy(() -> LedgerRules.resolvedAmount(TransferKind.POST, 0L, 100))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.INVALID_PARAMETER);
    }

    @Test
    void aHoldLastsFromOneSecondToThirtyDays() {
        assertThat(allowed(LedgerRules.holdExpiresAt(1L, NOW))).isEqualTo(NOW.plusSeconds(1));
        assertThat(allowed(LedgerRules.holdExpiresAt(2_592_000L, NOW))).isEqualTo(NOW.plus(Duration.ofDays(30)));
        for (Long bad : new Long[] {null, 0L, -1L, 2_592_001L}) {
            assertThat(refused(LedgerRules.holdExpiresAt(bad, NOW)))
                    .as(String.valueOf(bad))
                    .isEqualTo(LedgerErrors.invalid("timeout_seconds", "between 1 and 2592000"));
        }
    }

    // ---- reversals and conversions

    @ParameterizedTest
    @EnumSource(TransferKind.class)
    void onlyWhatMovedPointsCanBeReversed(TransferKind kind) {
        Ruling<Long> ruling = LedgerRules.reversal("t-1", kind, 100, null);
        if (kind == TransferKind.TRANSFER || kind == TransferKind.POST || kind == TransferKind.REVERSAL) {
            assertThat(allowed(ruling)).as("all of it when no amount is asked").isEqualTo(100L);
        } else {
            assertThat(refused(ruling)).isEqualTo(LedgerErrors.notReversible("t-1", kind));
            assertThat(refused(ruling).message()).isEqualTo("transfer t-1 is a " + kind + " and moved no points");
        }
    }

    @Test
    void aReversalSendsBackAtMostWhatTheOriginalMoved() {
        assertThat(allowed(LedgerRules.reversal("t-1", TransferKind.TRANSFER, 100, 40L)))
                .isEqualTo(40L);
        assertThat(allowed(LedgerRules.reversal("t-1", TransferKind.TRANSFER, 100, 100L)))
                .isEqualTo(100L);
        assertThat(refused(LedgerRules.reversal("t-1", TransferKind.TRANSFER, 100, 101L)))
                .isEqualTo(LedgerErrors.reversalExceedsOriginal(101, 100));
        assertThatThrownBy(() -> LedgerRules.reversal("t-1", TransferKind.TRANSFER, 100, 0L))
                .isInstanceOf(LedgerException.class)
                .hasMessageStartingWith("amount: ");
        assertThat(refused(LedgerRules.reversal("h-1", TransferKind.HOLD, 100, 0L))
                        .code())
                .as("what cannot be reversed is said before the amount is looked at")
                .isEqualTo(Code.NOT_REVERSIBLE);
    }

    @Test
    void aConversionRoundsDownAndNeverToNothing() {
        assertThat(allowed(LedgerRules.converted(10, 3, 4))).isEqualTo(7L);
        assertThat(allowed(LedgerRules.converted(2, 1, 2))).isEqualTo(1L);
        assertThat(refused(LedgerRules.converted(1, 1, 2))).isEqualTo(LedgerErrors.conversionTooSmall());
        assertThat(refused(LedgerRules.converted(Long.MAX_VALUE, 2, 4))).isEqualTo(LedgerErrors.overflow());
    }

    @Property
    void aConversionPaysTheFloorOfAmountTimesRate(
            @ForAll @LongRange(min = 1) long amount,
            @ForAll @LongRange(min = 1, max = 1_000_000) long numerator,
            @ForAll @LongRange(min = 1, max = 1_000_000) long denominator) {
        Ruling<Long> ruling = LedgerRules.converted(amount, numerator, denominator);
        BigInteger product = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator));
        if (product.compareTo(MAX) > 0) {
            assertThat(refused(ruling).code()).isEqualTo(Code.AMOUNT_OVERFLOW);
        } else if (product.divide(BigInteger.valueOf(denominator)).signum() == 0) {
            assertThat(refused(ruling).code()).isEqualTo(Code.CONVERSION_TOO_SMALL);
        } else {
            assertThat(allowed(ruling))
                    .isEqualTo(product.divide(BigInteger.valueOf(denominator)).longValueExact());
        }
    }

    @Test
    void aRefusedRulingIsThrownWithItsRefusal() {
        Ruling<Long> ruling = LedgerRules.reserve("a", account(0, 0), 1);
        assertThatThrownBy(ruling::orThrow)
                .isInstanceOf(LedgerException.class)
                .extracting("refusal")
                .isEqualTo(LedgerErrors.insufficientFunds("a", 0, 1));
    }

    @Provide
    Arbitrary<Long> balances() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 1_000));
    }

    private static Ruling<HoldTransition> resolve(
            TransferKind kind, HoldStatus status, Instant expiresAt, long held, long amount, Instant now) {
        return LedgerRules.resolveHold(kind, "h-1", status, expiresAt, held, amount, now);
    }

    private static Balance account(long balance, long frozen) {
        return new Balance(balance, frozen, false, false);
    }

    private static Balance issuer(long balance) {
        return new Balance(balance, 0, true, false);
    }

    private static <T> T allowed(Ruling<T> ruling) {
        assertThat(ruling).isInstanceOf(Ruling.Allowed.class);
        return ((Ruling.Allowed<T>) ruling).value();
    }

    private static LedgerRefusal refused(Ruling<?> ruling) {
        assertThat(ruling).isInstanceOf(Ruling.Refused.class);
        return ((Ruling.Refused<?>) ruling).refusal();
    }
}
