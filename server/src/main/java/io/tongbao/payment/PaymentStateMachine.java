package io.tongbao.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every status a payment, an attempt and a refund can have, and every move between them: the one place where
 * they are written down (docs/payments.md draws them). The stores refuse any other move, and their SQL repeats
 * the expected status so that two nodes never both make the same move.
 */
public final class PaymentStateMachine {

    private PaymentStateMachine() {
    }

    public enum PaymentStatus { PENDING, PAID, CLOSED }

    /** CREATING: the channel is being asked; at most one CREATING or PENDING attempt per payment. */
    public enum AttemptStatus { CREATING, PENDING, SUCCEEDED, CLOSED, FAILED }

    public enum RefundStatus { PENDING, SUCCEEDED, FAILED }

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

    static <S extends Enum<S>> void require(Map<S, Set<S>> machine, S from, S to) {
        if (!machine.get(from).contains(to)) {
            throw new IllegalStateException("no transition " + from + " -> " + to);
        }
    }
}
