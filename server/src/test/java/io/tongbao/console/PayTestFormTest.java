package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.payment.OrderRequest;
import io.tongbao.shared.PayWay;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayTestFormTest {

    @ParameterizedTest
    @CsvSource({"0.01, 1", "12.34, 1234", "12.3, 1230", "7, 700", " 100000 , 10000000"})
    void theAmountIsYuanTakenExactly(String typed, long fen) {
        assertThat(form("ALIPAY_QR", typed).amountInFen()).isEqualTo(fen);
        assertThat(form("ALIPAY_QR", typed).errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0.001", "12.345", "-1", "1e2", "1,000", "100000.01", "¥5", ""})
    void anAmountThatIsNotExactYuanIsRefused(String typed) {
        assertThat(form("ALIPAY_QR", typed).errors()).containsEntry("amount", "payTest.error.amount");
    }

    @Test
    void onlyTheBuyerFieldsOfTheChosenWayAreRequiredAndSent() {
        PayTestForm jsapi = new PayTestForm("app_1", "WECHAT_JSAPI", "1.00", "s", " ", "buyer", "123");
        assertThat(jsapi.errors()).containsOnlyKeys("openid");

        PayTestForm barcode = new PayTestForm("app_1", "ALIPAY_BARCODE", "1.00", "s", "o", "b", "281234567890121111");
        OrderRequest order = barcode.order(Instant.parse("2026-12-03T14:05:09.123Z"), "127.0.0.1", "http://x/console");
        assertThat(order.payWay()).isEqualTo(PayWay.ALIPAY_BARCODE);
        assertThat(order.outTradeNo()).isEqualTo("test-20261203140509123");
        assertThat(order.authCode()).isEqualTo("281234567890121111");
        assertThat(order.openid()).isNull();
        assertThat(order.buyerId()).isNull();
        assertThat(order.returnUrl()).isNull();
        assertThat(order.amount()).isEqualTo(100L);
    }

    @Test
    void anUnknownPayWayIsRefused() {
        assertThat(form("WECHAT_BARCODE", "1.00").errors()).containsEntry("pay_way", "payTest.error.payWay");
    }

    private static PayTestForm form(String payWay, String amount) {
        return new PayTestForm("app_1", payWay, amount, "subject", null, null, null);
    }
}
