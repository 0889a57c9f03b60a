package io.tongbao.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the ledger allows, and nothing else: what an entry may do to a balance, how a hold may end, what a reversal
 * and a conversion may move. No Spring, no SQL, no clock (the time is passed in), so every rule is tested on its
 * own. {@link Journal} and {@link HoldExpiry} write SQL and ask these rules; where the database itself guards a hold
 * leaving PENDING, the guard's statuses come from {@link #HOLD_STATUSES}, so no SQL can make a move the table does
 * not have. {@link FastTransfers} repeats {@link #move} in its WHERE clause (one round trip is that path's point)
 * and asks {@link #move} why when that clause refused.
 */
final class LedgerRules {

    /** The longest a hold may reserve a balance. */
    static final Duration MAX_HOLD = Duration.ofDays(30);

    /** What a new hold is. */
    static final HoldStatus HOLD_OPENS = HoldStatus.PENDING;

    /** Every hold status and where it may go: PENDING until it is posted, voided or expires; each of those is final. */
    static final Map<HoldStatus, Set<HoldStatus>> HOLD_STATUSES = Map.of(
            HoldStatus.PENDING, EnumSet.of(HoldStatus.POSTED, HoldStatus.VOIDED, HoldStatus.EXPIRED),
            HoldStatus.POSTED, EnumSet.noneOf(HoldStatus.class),
            HoldStatus.VOIDED, EnumSet.noneOf(HoldStatus.class),
            HoldStatus.EXPIRED, EnumSet.noneOf(HoldStatus.class));

    private static final Map<TransferKind, HoldTransition> HOLD_RESOLUTIONS = new EnumMap<>(Map.of(
            TransferKind.POST, HoldTransition.into(HoldStatus.POSTED),
            TransferKind.VOID, HoldTransition.into(HoldStatus.VOIDED),
            TransferKind.EXPIRE, HoldTransition.into(HoldStatus.EXPIRED)));

    private LedgerRules() {}

    /** Either what a rule allows (a new balance, a status, an amount) or why it refused. */
    sealed interface Ruling<T> {

        record Allowed<T>(T value) implements Ruling<T> {}

        record Refused<T>(LedgerRefusal refusal) implements Ruling<T> {}

        /** The allowed value; a refusal is thrown as a {@link LedgerException}. */
        default T orThrow() {
            return switch (this) {
                case Allowed<T> allowed -> allowed.value();
                case Refused<T> refused -> throw refused.refusal().exception();
            };
        }
    }

    private static <T> Ruling<T> allow(T value) {
        return new Ruling.Allowed<>(value);
    }

    private static <T> Ruling<T> refuse(LedgerRefusal refusal) {
        return new Ruling.Refused<>(refusal);
    }

    // ---- balances

    /** A balance row as the rules see it. */
    record Balance(long balance, long frozen, boolean mayGoNegative, boolean closed) {

        long available() {
            return balance - frozen;
        }
    }

    /** Whether a row may end at this balance and frozen amount: never below zero available unless it is an issuer. */
    static boolean allows(boolean mayGoNegative, long balance, long frozen) {
        return mayGoNegative || balance - frozen >= 0;
    }

    /** The two rows after a move. */
    record Moved(long payerBalance, long payerFrozen, long payeeBalance) {}

    /**
     * A TRANSFER, POST or REVERSAL: neither side may be closed; the payer gives {@code amount} and, when it posts a
     * hold, is released from all that hold reserved ({@code releasedFromHold}); the payer must be allowed what it
     * ends at; a balance that would not fit in 64 bits is refused.
     */
    static Ruling<Moved> move(
            String payerId, Balance payer, String payeeId, Balance payee, long amount, long releasedFromHold) {
        if (payer.closed()) {
            return refuse(LedgerErrors.accountClosed(payerId));
        }
        if (payee.closed()) {
            return refuse(LedgerErrors.accountClosed(payeeId));
        }
        Moved moved;
        try {
            moved = new Moved(
                    Math.subtractExact(payer.balance(), amount),
                    Math.subtractExact(payer.frozen(), releasedFromHold),
                    Math.addExact(payee.balance(), amount));
        } catch (ArithmeticException e) {
            return refuse(LedgerErrors.overflow());
        }
        if (!allows(payer.mayGoNegative(), moved.payerBalance(), moved.payerFrozen())) {
            return refuse(LedgerErrors.insufficientFunds(payerId, payer.available(), amount));
        }
        return allow(moved);
    }

    /** A HOLD: the payer, not closed, reserves {@code amount} of what it has available; returns its new frozen. */
    static Ruling<Long> reserve(String payerId, Balance payer, long amount) {
        if (payer.closed()) {
            return refuse(LedgerErrors.accountClosed(payerId));
        }
        long frozen;
        try {
            frozen = Math.addExact(payer.frozen(), amount);
        } catch (ArithmeticException e) {
            return refuse(LedgerErrors.overflow());
        }
        if (!allows(payer.mayGoNegative(), payer.balance(), frozen)) {
            return refuse(LedgerErrors.insufficientFunds(payerId, payer.available(), amount));
        }
        return allow(frozen);
    }

    /** A VOID or EXPIRE: the payer gets back all the hold reserved. Returns its new frozen amount. */
    static Ruling<Long> release(Balance payer, long held) {
        try {
            return allow(Math.subtractExact(payer.frozen(), held));
        } catch (ArithmeticException e) {
            return refuse(LedgerErrors.overflow());
        }
    }

    /**
     * Only a user's or a merchant's account closes: system accounts live as long as their point type. It closes only
     * when it holds nothing and has no open hold, which the guarded update of Catalog.close decides under the row
     * lock ({@code balance = 0 and frozen = 0}); a closed account neither pays nor receives ({@link #move}).
     */
    static Ruling<Account> closing(Account account) {
        if (account.ownerKind() == OwnerKind.SYSTEM) {
            return refuse(LedgerErrors.systemAccount());
        }
        return allow(account);
    }

    // ---- holds

    /**
     * How POST, VOID or EXPIRE ends a hold: into {@code to}, from every status the table allows it from. The SQL
     * that writes it binds {@link #fromNames()} as its guard ({@code where status = any(?)}).
     */
    record HoldTransition(Set<HoldStatus> from, HoldStatus to) {

        static HoldTransition into(HoldStatus to) {
            Set<HoldStatus> from = EnumSet.noneOf(HoldStatus.class);
            HOLD_STATUSES.forEach((source, targets) -> {
                if (targets.contains(to)) {
                    from.add(source);
                }
            });
            if (from.isEmpty()) {
                throw new IllegalStateException("no transition into " + to);
            }
            return new HoldTransition(Collections.unmodifiableSet(from), to);
        }

        String[] fromNames() {
            return from.stream().map(Enum::name).toArray(String[]::new);
        }
    }

    /** The transition a resolving kind makes. */
    static HoldTransition holdTransition(TransferKind kind) {
        HoldTransition transition = HOLD_RESOLUTIONS.get(kind);
        if (transition == null) {
            throw new IllegalArgumentException(kind + " does not resolve a hold");
        }
        return transition;
    }

    /** A new hold's timeout: between one second and {@link #MAX_HOLD} from now. */
    static Ruling<Instant> holdExpiresAt(@Nullable Long timeoutSeconds, Instant now) {
        if (timeoutSeconds == null || timeoutSeconds <= 0 || timeoutSeconds > MAX_HOLD.toSeconds()) {
            return refuse(LedgerErrors.invalid("timeout_seconds", "between 1 and " + MAX_HOLD.toSeconds()));
        }
        return allow(now.plusSeconds(timeoutSeconds));
    }

    /** Due at its timeout exactly: from then on it can be expired and no longer posted or voided. */
    static boolean isDue(Instant expiresAt, Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * What an entry of {@code kind} moves out of a hold of {@code held}: a post what it asks for ({@code requested},
     * a positive amount) or, without an amount, all of it; a void or an expiry releases all of it.
     */
    static long resolvedAmount(TransferKind kind, @Nullable Long requested, long held) {
        return kind == TransferKind.POST && requested != null
                ? Amount.of(requested).value()
                : held;
    }

    /**
     * Whether {@code kind} may end this hold now, and the transition it makes: only from a status the transition
     * starts from; an expiry only once due, a post or void only before; a post of at most what is held.
     */
    static Ruling<HoldTransition> resolveHold(
            TransferKind kind,
            String holdId,
            HoldStatus status,
            Instant expiresAt,
            long held,
            long amount,
            Instant now) {
        HoldTransition transition = holdTransition(kind);
        if (!transition.from().contains(status)) {
            return refuse(LedgerErrors.holdNotPending(holdId, status));
        }
        boolean due = isDue(expiresAt, now);
        if (kind == TransferKind.EXPIRE && !due) {
            return refuse(LedgerErrors.holdNotDue(holdId, expiresAt));
        }
        if (kind != TransferKind.EXPIRE && due) {
            return refuse(LedgerErrors.holdExpired(holdId, expiresAt));
        }
        if (kind == TransferKind.POST && amount > held) {
            return refuse(LedgerErrors.postExceedsHold(amount, held));
        }
        return allow(transition);
    }

    // ---- reversals and conversions

    /**
     * A reversal sends back all the original moved or, with {@code requested} (a positive amount), part of it; only
     * an original that moved points can be reversed. Returns the amount. At most one reversal per original: the
     * journal refuses a second one (ALREADY_REVERSED), which a unique index makes certain.
     */
    static Ruling<Long> reversal(
            String originalId, TransferKind originalKind, long originalAmount, @Nullable Long requested) {
        if (!originalKind.movesPoints()) {
            return refuse(LedgerErrors.notReversible(originalId, originalKind));
        }
        long amount = requested == null ? originalAmount : Amount.of(requested).value();
        if (amount > originalAmount) {
            return refuse(LedgerErrors.reversalExceedsOriginal(amount, originalAmount));
        }
        return allow(amount);
    }

    /**
     * What a conversion pays out: {@code floor(amount × numerator / denominator)} (all positive), which must be at
     * least one minor unit.
     */
    static Ruling<Long> converted(long amount, long numerator, long denominator) {
        long converted;
        try {
            converted = Math.multiplyExact(amount, numerator) / denominator;
        } catch (ArithmeticException e) {
            return refuse(LedgerErrors.overflow());
        }
        if (converted <= 0) {
            return refuse(LedgerErrors.conversionTooSmall());
        }
        return allow(converted);
    }
}
