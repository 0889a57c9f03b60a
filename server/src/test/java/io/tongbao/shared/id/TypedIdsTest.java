package io.tongbao.shared.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TypedIdsTest {

    @Test
    void mintedIdsKeepTheWireFormatOfIds() {
        PaymentId payment = PaymentId.next();
        assertThat(payment.value()).matches("pay_[0-9a-hjkmnp-tv-z]{20}");
        assertThat(payment).hasToString(payment.value());
        assertThat(AttemptId.next().value()).startsWith("att_");
        assertThat(RefundId.next().value()).startsWith("rfd_");
        assertThat(PaymentId.of(payment.value())).isEqualTo(payment);
    }

    @Test
    void anIdOfAnotherKindOrFormIsRefused() {
        String attempt = AttemptId.next().value();
        assertThatThrownBy(() -> PaymentId.of(attempt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentId.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentId.of("pay_")).isInstanceOf(IllegalArgumentException.class);
        // i, l, o and u are not in the alphabet
        assertThatThrownBy(() -> PaymentId.of("pay_iiiiiiiiiiiiiiiiiiii")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerchantId.of("app_0123456789abcdefghjk"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AppId.of("app_0123456789abcdefghjk").value()).isEqualTo("app_0123456789abcdefghjk");
        assertThat(PaymentId.parse(attempt)).isEmpty();
        assertThat(AttemptId.parse(attempt)).map(AttemptId::value).contains(attempt);
    }

    @Test
    void attemptsAndRefundsAreKnownToTheChannelByTheirIds() {
        AttemptId attempt = AttemptId.next();
        RefundId refund = RefundId.next();
        assertThat(attempt.asOutTradeNo().value()).isEqualTo(attempt.value());
        assertThat(refund.asOutRefundNo().value()).isEqualTo(refund.value());
    }

    @Test
    void merchantNumbersAreWhatBothChannelsAccept() {
        assertThat(OutTradeNo.of("T2026-11_22*01|a").value()).isEqualTo("T2026-11_22*01|a");
        assertThat(OutTradeNo.isValid("x".repeat(64))).isTrue();
        assertThat(OutTradeNo.isValid("x".repeat(65))).isFalse();
        assertThat(OutTradeNo.isValid("")).isFalse();
        assertThat(OutTradeNo.isValid("a@b")).as("@ is for refund numbers only").isFalse();
        assertThat(OutTradeNo.isValid("订单1")).isFalse();
        assertThat(OutTradeNo.isValid(null)).isFalse();
        assertThatThrownBy(() -> OutTradeNo.of("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OutRefundNo.of("R1@shop").value()).isEqualTo("R1@shop");
        assertThatThrownBy(() -> OutRefundNo.of("R1 shop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void parseAcceptsExactlyWhatOfAccepts(@ForAll String value) {
        boolean accepted;
        try {
            RefundId.of(value);
            accepted = true;
        } catch (IllegalArgumentException e) {
            accepted = false;
        }
        assertThat(RefundId.parse(value).isPresent()).isEqualTo(accepted);
    }
}
