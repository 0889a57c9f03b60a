package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.PaymentStateMachine.Transition;
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

    private static final Set<String> PAYMENT_MOVES = Set.of("PENDING -> PAID", "PENDING -> CLOSED");

    private static final Set<String> ATTEMPT_MOVES = Set.of(
            "CREATING -> PENDING",
            "CREATING -> SUCCEEDED",
            "CREATING -> FAILED",
            "PENDING -> SUCCEEDED",
            "PENDING -> CLOSED",
            "PENDING -> FAILED",
            "CLOSED -> SUCCEEDED",
            "FAILED -> SUCCEEDED");

    private static final Set<String> REFUND_MOVES = Set.of("PENDING -> SUCCEEDED", "PENDING -> FAILED");

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
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.PAYMENT, PaymentStatus.PAID, PaymentStatus.CLOSED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no transition PAID -> CLOSED");
    }

    @Test
    void aClosedPaymentCannotBePaid() {
        // a late success is recorded on the attempt and refunded or kept by rule: the order itself stays closed
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.PAYMENT, PaymentStatus.CLOSED, PaymentStatus.PAID))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSucceededAttemptCannotBeClosedOrFailed() {
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.ATTEMPT, AttemptStatus.SUCCEEDED, AttemptStatus.CLOSED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.ATTEMPT, AttemptStatus.SUCCEEDED, AttemptStatus.FAILED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSuccessReportedForAClosedOrFailedAttemptIsRecorded() {
        assertThatCode(() -> PaymentStateMachine.require(
                        PaymentStateMachine.ATTEMPT, AttemptStatus.CLOSED, AttemptStatus.SUCCEEDED))
                .doesNotThrowAnyException();
        assertThatCode(() -> PaymentStateMachine.require(
                        PaymentStateMachine.ATTEMPT, AttemptStatus.FAILED, AttemptStatus.SUCCEEDED))
                .doesNotThrowAnyException();
    }

    @Test
    void anAttemptStillBeingCreatedCannotBeClosed() {
        // the channel has not answered yet: close what it opened (PENDING), not what it may still be opening
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.ATTEMPT, AttemptStatus.CREATING, AttemptStatus.CLOSED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSettledRefundCannotChangeItsOutcome() {
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.REFUND, RefundStatus.SUCCEEDED, RefundStatus.FAILED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PaymentStateMachine.require(
                        PaymentStateMachine.REFUND, RefundStatus.FAILED, RefundStatus.SUCCEEDED))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- the named transitions the stores write -----------------------------------------------------

    @Test
    void eachNamedTransitionStartsFromEveryStatusTheTableLeadsIntoItsTargetFrom() {
        // a new way into a status in the table makes this fail: decide whether the store's update should take it
        checkSources(PaymentStateMachine.PAYMENT, PaymentStateMachine.PAY_ORDER, "PENDING -> PAID");
        checkSources(PaymentStateMachine.PAYMENT, PaymentStateMachine.CLOSE_ORDER, "PENDING -> CLOSED");
        checkSources(PaymentStateMachine.ATTEMPT, PaymentStateMachine.OPEN_ATTEMPT, "CREATING -> PENDING");
        checkSources(PaymentStateMachine.ATTEMPT, PaymentStateMachine.FAIL_ATTEMPT, "CREATING, PENDING -> FAILED");
        checkSources(PaymentStateMachine.ATTEMPT, PaymentStateMachine.CLOSE_ATTEMPT, "PENDING -> CLOSED");
        checkSources(
                PaymentStateMachine.ATTEMPT,
                PaymentStateMachine.SUCCEED_ATTEMPT,
                "CREATING, PENDING, CLOSED, FAILED -> SUCCEEDED");
        checkSources(PaymentStateMachine.REFUND, PaymentStateMachine.SUCCEED_REFUND, "PENDING -> SUCCEEDED");
        checkSources(PaymentStateMachine.REFUND, PaymentStateMachine.FAIL_REFUND, "PENDING -> FAILED");
    }

    @Test
    void aTransitionNotInTheTableCannotBeBuilt() {
        assertThatThrownBy(() -> PaymentStateMachine.transition(
                        PaymentStateMachine.PAYMENT, EnumSet.of(PaymentStatus.PAID), PaymentStatus.CLOSED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no transition PAID -> CLOSED");
        // one wrong source among right ones is enough to refuse it
        assertThatThrownBy(() -> PaymentStateMachine.transition(
                        PaymentStateMachine.ATTEMPT,
                        EnumSet.of(AttemptStatus.PENDING, AttemptStatus.CREATING),
                        AttemptStatus.CLOSED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no transition CREATING -> CLOSED");
        assertThatThrownBy(() -> PaymentStateMachine.transition(
                        PaymentStateMachine.REFUND, EnumSet.of(RefundStatus.PENDING), RefundStatus.PENDING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no transition PENDING -> PENDING");
        assertThatThrownBy(() -> PaymentStateMachine.transition(
                        PaymentStateMachine.REFUND, EnumSet.noneOf(RefundStatus.class), RefundStatus.FAILED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMoveFromAStatusReadAtRunTimeIsCheckedAgainstTheTransition() {
        assertThat(PaymentStateMachine.SUCCEED_ATTEMPT.from(AttemptStatus.CLOSED))
                .containsExactly("CLOSED");
        assertThat(PaymentStateMachine.FAIL_ATTEMPT.from(AttemptStatus.CREATING))
                .containsExactly("CREATING");
        assertThatThrownBy(() -> PaymentStateMachine.SUCCEED_ATTEMPT.from(AttemptStatus.SUCCEEDED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no transition SUCCEEDED -> SUCCEEDED");
        assertThatThrownBy(() -> PaymentStateMachine.FAIL_ATTEMPT.from(AttemptStatus.CLOSED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no transition CLOSED -> FAILED");
    }

    private static <S extends Enum<S>> void checkSources(Map<S, Set<S>> machine, Transition<S> move, String drawn) {
        assertThat(move.sources()).as(drawn).isEqualTo(PaymentStateMachine.sourcesOf(machine, move.target()));
        String[] ends = drawn.split(" -> ");
        assertThat(move.to())
                .as(drawn)
                .isEqualTo(ends[1])
                .isEqualTo(move.target().name());
        assertThat(move.from()).as(drawn).containsExactlyInAnyOrder(ends[0].split(", "));
    }

    private static <S extends Enum<S>> void checkEveryPair(
            Map<S, Set<S>> machine, Class<S> statuses, Set<String> allowed) {
        SoftAssertions softly = new SoftAssertions();
        for (S from : EnumSet.allOf(statuses)) {
            for (S to : EnumSet.allOf(statuses)) {
                String move = from + " -> " + to;
                if (allowed.contains(move)) {
                    softly.assertThatCode(() -> PaymentStateMachine.require(machine, from, to))
                            .as(move)
                            .doesNotThrowAnyException();
                } else {
                    softly.assertThatThrownBy(() -> PaymentStateMachine.require(machine, from, to))
                            .as(move)
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessage("no transition " + move);
                }
            }
        }
        softly.assertAll();
    }
}
