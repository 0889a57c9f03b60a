package io.tongbao.payment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every status a payment, an attempt and a refund can have, and every move between them: the one place where
 * they are written down (docs/payments.md draws them). The stores write only the named {@link Transition}s below,
 * each checked against the table when this class is loaded; their SQL takes both ends from the transition
 * ({@code set status = :to … where status = any(:from)}), so it cannot write a move the table does not have, and
 * the database settles which of two nodes makes a move.
 */
public final class PaymentStateMachine {

    private PaymentStateMachine() {}

    public enum PaymentStatus {
        PENDING,
        PAID,
        CLOSED
    }

    /** CREATING: the channel is being asked; at most one CREATING or PENDING attempt per payment. */
    public enum AttemptStatus {
        CREATING,
        PENDING,
        SUCCEEDED,
        CLOSED,
        FAILED
    }

    public enum RefundStatus {
        PENDING,
        SUCCEEDED,
        FAILED
    }

    static final Map<PaymentStatus, Set<PaymentStatus>> PAYMENT = Map.of(
            PaymentStatus.PENDING, EnumSet.of(PaymentStatus.PAID, PaymentStatus.CLOSED),
            PaymentStatus.PAID, EnumSet.noneOf(PaymentStatus.class),
            PaymentStatus.CLOSED, EnumSet.noneOf(PaymentStatus.class));

    static final Map<AttemptStatus, Set<AttemptStatus>> ATTEMPT = Map.of(
            AttemptStatus.CREATING, EnumSet.of(AttemptStatus.PENDING, AttemptStatus.SUCCEEDED, AttemptStatus.FAILED),
            AttemptStatus.PENDING, EnumSet.of(AttemptStatus.SUCCEEDED, AttemptStatus.CLOSED, AttemptStatus.FAILED),
            // a success reported for a closed attempt is real money: it is recorded, then refunded or kept by rule
            AttemptStatus.CLOSED, EnumSet.of(AttemptStatus.SUCCEEDED),
            AttemptStatus.SUCCEEDED, EnumSet.noneOf(AttemptStatus.class),
            // likewise a success after the channel refused (a barcode retried by the buyer's wallet)
            AttemptStatus.FAILED, EnumSet.of(AttemptStatus.SUCCEEDED));

    static final Map<RefundStatus, Set<RefundStatus>> REFUND = Map.of(
            RefundStatus.PENDING, EnumSet.of(RefundStatus.SUCCEEDED, RefundStatus.FAILED),
            RefundStatus.SUCCEEDED, EnumSet.noneOf(RefundStatus.class),
            RefundStatus.FAILED, EnumSet.noneOf(RefundStatus.class));

    // --- the moves the stores write ------------------------------------------------------------------

    static final Transition<PaymentStatus> PAY_ORDER =
            transition(PAYMENT, EnumSet.of(PaymentStatus.PENDING), PaymentStatus.PAID);
    static final Transition<PaymentStatus> CLOSE_ORDER =
            transition(PAYMENT, EnumSet.of(PaymentStatus.PENDING), PaymentStatus.CLOSED);

    /** The channel opened the trade, or the janitor adopted an attempt whose opening was lost. */
    static final Transition<AttemptStatus> OPEN_ATTEMPT =
            transition(ATTEMPT, EnumSet.of(AttemptStatus.CREATING), AttemptStatus.PENDING);

    static final Transition<AttemptStatus> FAIL_ATTEMPT =
            transition(ATTEMPT, EnumSet.of(AttemptStatus.CREATING, AttemptStatus.PENDING), AttemptStatus.FAILED);
    static final Transition<AttemptStatus> CLOSE_ATTEMPT =
            transition(ATTEMPT, EnumSet.of(AttemptStatus.PENDING), AttemptStatus.CLOSED);
    static final Transition<AttemptStatus> SUCCEED_ATTEMPT = transition(
            ATTEMPT,
            EnumSet.of(AttemptStatus.CREATING, AttemptStatus.PENDING, AttemptStatus.CLOSED, AttemptStatus.FAILED),
            AttemptStatus.SUCCEEDED);

    static final Transition<RefundStatus> SUCCEED_REFUND =
            transition(REFUND, EnumSet.of(RefundStatus.PENDING), RefundStatus.SUCCEEDED);
    static final Transition<RefundStatus> FAIL_REFUND =
            transition(REFUND, EnumSet.of(RefundStatus.PENDING), RefundStatus.FAILED);

    static <S extends Enum<S>> void require(Map<S, Set<S>> machine, S from, S to) {
        if (!Objects.requireNonNull(machine.get(from), "every state has its row in the machine")
                .contains(to)) {
            throw new IllegalStateException("no transition " + from + " -> " + to);
        }
    }

    /** The statuses from which the table allows {@code to}. */
    static <S extends Enum<S>> Set<S> sourcesOf(Map<S, Set<S>> machine, S to) {
        Set<S> sources = EnumSet.noneOf(to.getDeclaringClass());
        machine.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return Collections.unmodifiableSet(sources);
    }

    /** A move from any of {@code from} to {@code to}; refused unless the table has every one of them. */
    static <S extends Enum<S>> Transition<S> transition(Map<S, Set<S>> machine, Set<S> from, S to) {
        if (from.isEmpty()) {
            throw new IllegalStateException("no transition into " + to + " from nowhere");
        }
        from.forEach(source -> require(machine, source, to));
        return new Transition<>(from, to);
    }

    /**
     * A move the table allows, with its SQL guard computed once: the stores bind {@link #from()} as a text[] (one
     * statement, no lookup per call). The arrays are shared and must not be modified.
     */
    static final class Transition<S extends Enum<S>> {

        private final Set<S> from;
        private final S to;
        private final String toName;
        private final String[] fromNames;
        private final Map<S, String[]> each;

        private Transition(Set<S> from, S to) {
            this.to = to;
            this.toName = to.name();
            EnumSet<S> sources = EnumSet.copyOf(from);
            this.from = Collections.unmodifiableSet(sources);
            this.fromNames = sources.stream().map(Enum::name).toArray(String[]::new);
            this.each = new EnumMap<>(to.getDeclaringClass());
            sources.forEach(source -> each.put(source, new String[] {source.name()}));
        }

        Set<S> sources() {
            return from;
        }

        S target() {
            return to;
        }

        /** The target status, for {@code set status = :to}. */
        String to() {
            return toName;
        }

        /** Every status it starts from, for {@code where status = any(:from)}. */
        String[] from() {
            return fromNames;
        }

        /**
         * Only {@code expected}, for a caller that read the row's status under lock and moves from exactly that;
         * refused when the move from there is not this transition.
         */
        String[] from(S expected) {
            String[] names = each.get(expected);
            if (names == null) {
                throw new IllegalStateException("no transition " + expected + " -> " + to);
            }
            return names;
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }
}
