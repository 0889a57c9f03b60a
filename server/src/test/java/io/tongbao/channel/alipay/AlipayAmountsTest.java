package io.tongbao.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlipayAmountsTest {

    @Test
    void yuanAndFenConvertExactly() {
        assertThat(AlipayAmounts.yuan(1999)).isEqualTo("19.99");
        assertThat(AlipayAmounts.yuan(5)).isEqualTo("0.05");
        assertThat(AlipayAmounts.fen("19.99")).isEqualTo(1999);
        assertThat(AlipayAmounts.fen("20")).isEqualTo(2000);
        assertThatThrownBy(() -> AlipayAmounts.fen("19.999")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void beijingTimesReadWithAndWithoutMilliseconds() {
        assertThat(AlipayAmounts.instant("2026-11-22 16:08:33")).isEqualTo(Instant.parse("2026-11-22T08:08:33Z"));
        assertThat(AlipayAmounts.instant("2026-11-22 16:08:33.250")).isEqualTo(Instant.parse("2026-11-22T08:08:33.250Z"));
        assertThat(AlipayAmounts.time(Instant.parse("2026-11-22T08:08:33Z"))).isEqualTo("2026-11-22 16:08:33");
    }
}
