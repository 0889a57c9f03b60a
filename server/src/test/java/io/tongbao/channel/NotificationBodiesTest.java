package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.payment.spi.ChannelNotifications.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class NotificationBodiesTest {

    @Test
    void aFormIsDecodedAsAlipaySendsIt() throws Exception {
        Map<String, String> form = NotificationBodies.form(
                bytes("notify_id=n1&subject=%E9%80%9A%E5%AE%9D+%E6%94%AF%E4%BB%98&body=通宝&empty=&flag&&sign=a%2Bb%3D"));

        assertThat(form)
                .containsExactly(
                        Map.entry("notify_id", "n1"),
                        Map.entry("subject", "通宝 支付"),
                        Map.entry("body", "通宝"),
                        Map.entry("empty", ""),
                        Map.entry("flag", ""),
                        Map.entry("sign", "a+b="));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "notify_id=%ff",
                "notify_id=%e4%b8",
                "notify_id=%zz",
                "notify_id=%",
                "notify_id=%4",
                "notify_id=%٣٣",
                "out_trade_no=a%00b",
                "a=1&a=2",
                "=x",
                "notify_id=%ed%a0%80"
            })
    void whatIsNotAStrictFormIsMalformed(String body) {
        assertThatThrownBy(() -> NotificationBodies.form(bytes(body)))
                .isInstanceOfSatisfying(
                        NotificationBodies.Unreadable.class,
                        e -> assertThat(e.reason()).isEqualTo(Rejection.MALFORMED));
    }

    @Test
    void moreThanTwoHundredFieldsIsMalformed() throws Exception {
        StringBuilder body = new StringBuilder("f0=0");
        for (int i = 1; i < NotificationBodies.MAX_FORM_FIELDS; i++) {
            body.append("&f").append(i).append('=').append(i);
        }
        assertThat(NotificationBodies.form(bytes(body.toString()))).hasSize(NotificationBodies.MAX_FORM_FIELDS);

        body.append("&one=more");
        assertThatThrownBy(() -> NotificationBodies.form(bytes(body.toString())))
                .isInstanceOf(NotificationBodies.Unreadable.class)
                .hasMessageContaining("more than 200 fields");
    }

    @Test
    void invalidUtf8AndNulAreRefusedNotReplaced() {
        assertThatThrownBy(() -> NotificationBodies.utf8(new byte[] {'{', (byte) 0xff, '}'}))
                .isInstanceOf(NotificationBodies.Unreadable.class);
        assertThatThrownBy(() -> NotificationBodies.utf8(new byte[] {'a', 0, 'b'}))
                .isInstanceOf(NotificationBodies.Unreadable.class);
    }

    @Test
    void aBodyOverTheLimitIsTooLargeWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[NotificationBodies.MAX_BYTES + 1];
        MockHttpServletRequest declared = new MockHttpServletRequest("POST", "/channels/alipay/notify/app_1");
        declared.setContent(big);
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/channels/alipay/notify/app_1") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(big);
        MockHttpServletRequest fits = new MockHttpServletRequest("POST", "/channels/alipay/notify/app_1");
        fits.setContent(new byte[NotificationBodies.MAX_BYTES]);

        for (MockHttpServletRequest request : new MockHttpServletRequest[] {declared, chunked}) {
            assertThatThrownBy(() -> NotificationBodies.read(request))
                    .isInstanceOfSatisfying(
                            NotificationBodies.Unreadable.class,
                            e -> assertThat(e.reason()).isEqualTo(Rejection.TOO_LARGE));
        }
        assertThat(NotificationBodies.read(fits)).hasSize(NotificationBodies.MAX_BYTES);
    }

    @Test
    void onlyWhatCanBeAnAppIdIsLookedUp() {
        assertThat(NotificationBodies.isAppId("app_9x7k2m4q8r1t5v3w6y0z")).isTrue();
        assertThat(NotificationBodies.isAppId("app\u0000x")).isFalse();
        assertThat(NotificationBodies.isAppId("a".repeat(65))).isFalse();
        assertThat(NotificationBodies.isAppId("")).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
