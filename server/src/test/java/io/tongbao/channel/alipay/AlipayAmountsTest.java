package io.tongbao.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlipayAmountsTest {

    @Test
    void yuanReadExactlyAsCny() {
        assertThat(AlipayAmounts.money("19.99")).isEqualTo(Money.of(1999, Currency.CNY));
        assertThat(AlipayAmounts.money("20")).isEqualTo(Money.of(2000, Currency.CNY));
        assertThatThrownBy(() -> AlipayAmounts.money("19.999")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void beijingTimesReadWithAndWithoutMilliseconds() {
        assertThat(AlipayAmounts.instant("2026-11-22 16:08:33")).isEqualTo(Instant.parse("2026-11-22T08:08:33Z"));
        assertThat(AlipayAmounts.instant("2026-11-22 16:08:33.250"))
                .isEqualTo(Instant.parse("2026-11-22T08:08:33.250Z"));
        assertThat(AlipayAmounts.time(Instant.parse("2026-11-22T08:08:33Z"))).isEqualTo("2026-11-22 16:08:33");
    }
}
