package io.tongbao.shared.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValuesTest {

    @Test
    void lineBreaksAndOtherControlsAreEscaped() {
        assertThat(LogValues.safe("n1\r\n2026-12-03 ERROR forged")).isEqualTo("n1\\r\\n2026-12-03 ERROR forged");
        assertThat(LogValues.safe("a\u0000b\tc\u001b[31md\u007f\u0085"))
                .isEqualTo("a\\u0000b\\tc\\u001b[31md\\u007f\\u0085");
        assertThat(LogValues.safe("x\u2028y\u2029z\u202ew\u2066")).isEqualTo("x\\u2028y\\u2029z\\u202ew\\u2066");
        assertThat(LogValues.safe("a\\nb"))
                .as("a backslash is text, not a line break")
                .isEqualTo("a\\nb");
    }

    @Test
    void escapingTwiceIsEscapingOnce() {
        String once = LogValues.safe("n1\r\n\u0000x");
        assertThat(LogValues.safe(once)).isEqualTo(once).isEqualTo("n1\\r\\n\\u0000x");
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(LogValues.safe("通宝 payment 2026-12-03 ✓ 😀")).isEqualTo("通宝 payment 2026-12-03 ✓ 😀");
        assertThat(LogValues.safe(null)).isEqualTo("null");
        assertThat(LogValues.safe(42)).isEqualTo("42");
    }

    @Test
    void longValuesAreClippedSayingHowMuchWasLeftOut() {
        assertThat(LogValues.safe("y".repeat(1_500_000))).isEqualTo("y".repeat(200) + "…(1499800 more)");
        assertThat(LogValues.safe("abcdef", 3)).isEqualTo("abc…(3 more)");
        assertThat(LogValues.safe("abc", 3)).isEqualTo("abc");
    }

    @Test
    void escapingCannotGrowAValuePastItsClip() {
        String clipped = LogValues.safe("\u0000".repeat(10_000));
        assertThat(clipped.length()).isLessThan(230);
        assertThat(clipped).endsWith("more)");
    }

    @Test
    void aSurrogatePairIsNeverCutInHalfAndALoneHalfIsEscaped() {
        assertThat(LogValues.safe("a😀", 2)).isEqualTo("a😀");
        assertThat(LogValues.safe("a\ud800b")).isEqualTo("a\\ud800b");
    }
}
