package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The moves docs/payments.md draws, written out here by hand (not read from the class), checked against every pair
 * of statuses: each move drawn is accepted, every other move — staying put included — is refused.
 */
class PaymentStateMachineTest {

    private static final Set<String> PAYMENT_MOVES = Set.of(
            "PENDING -> PAID",
            "PENDING -> CLOSED");

    private static final Set<String> ATTEMPT_MOVES = Set.of(
            "CREATING -> PENDING",
            "CREATING -> SUCCEEDED",
            "CREATING -> FAILED",
            "PENDING -> SUCCEEDED",
            "PENDING -> CLOSED",
            "PENDING -> FAILED",
            "CLOSED -> SUCCEEDED",
            "FAILED -> SUCCEEDED");

    private static final Set<String> REFUND_MOVES = Set.of(
            "PENDING -> SUCCEEDED",
            "PENDING -> FAILED");

    @Test
    void everyPaymentMoveDrawnIsAcceptedAndEveryOtherRefused() {
        checkEveryPair(PaymentStateMachine.PAYMENT, PaymentStatus.class, PAYMENT_MOVES);
    }

    @Test
    void everyAttemptMoveDrawnIsAcceptedAndEveryOtherRefused() {
        checkEveryPair(PaymentStateMachine.ATTEMPT, AttemptStatus.class, ATTEMPT_MOVES);
    }

    @Test
    void everyRefundMoveDrawnIsAcceptedAndEveryOtherRefused() {
        checkEveryPair(PaymentStateMachine.REFUND, RefundStatus.class, REFUND_MOVES);
    }

    @Test
    void aPaidPaymentCannotBeClosed() {
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.PAYMENT, PaymentStatus.PAID,
                PaymentStatus.CLOSED)).isInstanceOf(IllegalStateException.class).hasMessage("no transition PAID -> CLOSED");
    }

    @Test
    void aClosedPaymentCannotBePaid() {
        // a late success is recorded on the attempt and refunded or kept by rule: the order itself stays closed
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.PAYMENT, PaymentStatus.CLOSED,
                PaymentStatus.PAID)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSucceededAttemptCannotBeClosedOrFailed() {
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.ATTEMPT, AttemptStatus.SUCCEEDED,
                AttemptStatus.CLOSED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.ATTEMPT, AttemptStatus.SUCCEEDED,
                AttemptStatus.FAILED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSuccessReportedForAClosedOrFailedAttemptIsRecorded() {
        assertThatCode(() -> PaymentStateMachine.require(PaymentStateMachine.ATTEMPT, AttemptStatus.CLOSED,
                AttemptStatus.SUCCEEDED)).doesNotThrowAnyException();
        assertThatCode(() -> PaymentStateMachine.require(PaymentStateMachine.ATTEMPT, AttemptStatus.FAILED,
                AttemptStatus.SUCCEEDED)).doesNotThrowAnyException();
    }

    @Test
    void anAttemptStillBeingCreatedCannotBeClosed() {
        // the channel has not answered yet: close what it opened (PENDING), not what it may still be opening
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.ATTEMPT, AttemptStatus.CREATING,
                AttemptStatus.CLOSED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSettledRefundCannotChangeItsOutcome() {
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.REFUND, RefundStatus.SUCCEEDED,
                RefundStatus.FAILED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PaymentStateMachine.require(PaymentStateMachine.REFUND, RefundStatus.FAILED,
                RefundStatus.SUCCEEDED)).isInstanceOf(IllegalStateException.class);
    }

    private static <S extends Enum<S>> void checkEveryPair(Map<S, Set<S>> machine, Class<S> statuses,
                                                           Set<String> allowed) {
        SoftAssertions softly = new SoftAssertions();
        for (S from : EnumSet.allOf(statuses)) {
            for (S to : EnumSet.allOf(statuses)) {
                String move = from + " -> " + to;
                if (allowed.contains(move)) {
                    softly.assertThatCode(() -> PaymentStateMachine.require(machine, from, to)).as(move)
                            .doesNotThrowAnyException();
                } else {
                    softly.assertThatThrownBy(() -> PaymentStateMachine.require(machine, from, to)).as(move)
                            .isInstanceOf(IllegalStateException.class).hasMessage("no transition " + move);
                }
            }
        }
        softly.assertAll();
    }
}
