package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.web.ApiException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The unified order's field rules: each refusal is a 400 naming its field; the answer is the payment window. */
class OrderValidationTest {

    @Test
    void aPlainQrOrderIsAcceptedWithTheDefaultTwoHourWindow() {
        assertThat(OrderValidation.validate(order(o -> {}))).isEqualTo(Duration.ofHours(2));
    }

    // out_trade_no

    @Test
    void anOrderNumberIsRequired() {
        refused(o -> o.outTradeNo = null, "out_trade_no");
        refused(o -> o.outTradeNo = " ", "out_trade_no");
    }

    @Test
    void anOrderNumberIsAtMost64OfLettersDigitsAndUnderscoreDashStarBar() {
        accepted(o -> o.outTradeNo = "a".repeat(64));
        accepted(o -> o.outTradeNo = "Ab9_-*|");
        refused(o -> o.outTradeNo = "a".repeat(65), "out_trade_no");
        refused(o -> o.outTradeNo = "T 1", "out_trade_no");
        refused(o -> o.outTradeNo = "T.1", "out_trade_no");
        refused(o -> o.outTradeNo = "订单1", "out_trade_no");
        refused(o -> o.outTradeNo = "T1\n", "out_trade_no");
    }

    // amount and currency

    @Test
    void theAmountIsAPositiveNumberOfFenUpToTheCeiling() {
        accepted(o -> o.amount = 1L);
        accepted(o -> o.amount = OrderValidation.MAXIMUM_AMOUNT);
        refused(o -> o.amount = null, "amount");
        refused(o -> o.amount = 0L, "amount");
        refused(o -> o.amount = -1L, "amount");
        refused(o -> o.amount = Long.MIN_VALUE, "amount");
        refused(o -> o.amount = OrderValidation.MAXIMUM_AMOUNT + 1, "amount");
        refused(o -> o.amount = Long.MAX_VALUE, "amount");
    }

    @Test
    void theCeilingIsOneHundredMillionYuan() {
        assertThat(OrderValidation.MAXIMUM_AMOUNT).isEqualTo(10_000_000_000L);
    }

    @Test
    void onlyCnyIsAccepted() {
        accepted(o -> o.currency = null);
        accepted(o -> o.currency = "CNY");
        refused(o -> o.currency = "cny", "currency");
        refused(o -> o.currency = "USD", "currency");
        refused(o -> o.currency = "", "currency");
    }

    // subject and description

    @Test
    void aSubjectIsRequiredAndAtMost128Characters() {
        accepted(o -> o.subject = "通".repeat(128));
        refused(o -> o.subject = null, "subject");
        refused(o -> o.subject = "\t ", "subject");
        refused(o -> o.subject = "通".repeat(129), "subject");
    }

    @Test
    void aDescriptionIsOptionalAndAtMost512Characters() {
        accepted(o -> o.description = null);
        accepted(o -> o.description = "d".repeat(512));
        refused(o -> o.description = "d".repeat(513), "description");
    }

    @Test
    void aPayWayIsRequired() {
        refused(o -> o.payWay = null, "pay_way");
    }

    // URLs

    @Test
    void notifyAndReturnUrlsAreOptionalAbsoluteHttpOrHttpsUrls() {
        accepted(o -> o.notifyUrl = null);
        accepted(o -> o.notifyUrl = "http://shop.example:8080/notify?x=1");
        accepted(o -> o.returnUrl = "https://shop.example/paid");
        for (String bad : new String[] {
            "ftp://shop.example/notify",
            "/notify",
            "shop.example/notify",
            "https://",
            "javascript:alert(1)",
            "https:///notify"
        }) {
            refused(o -> o.notifyUrl = bad, "notify_url");
            refused(o -> o.returnUrl = bad, "return_url");
        }
    }

    @Test
    void aUrlThatDoesNotParseIsRefusedNotThrown() {
        refused(o -> o.notifyUrl = "https://shop example/notify", "notify_url");
        refused(o -> o.returnUrl = "https://shop.example/%zz", "return_url");
    }

    // what each pay way needs

    @Test
    void wechatJsapiAndMiniProgramNeedTheBuyersOpenid() {
        for (PayWay way : new PayWay[] {PayWay.WECHAT_JSAPI, PayWay.WECHAT_MINI}) {
            refused(o -> o.payWay = way, "openid");
            accepted(o -> {
                o.payWay = way;
                o.openid = "o-buyer";
            });
            refused(
                    o -> {
                        o.payWay = way;
                        o.openid = "o".repeat(129);
                    },
                    "openid");
        }
    }

    @Test
    void alipayJsapiNeedsTheBuyersAlipayId() {
        refused(o -> o.payWay = PayWay.ALIPAY_JSAPI, "buyer_id");
        accepted(o -> {
            o.payWay = PayWay.ALIPAY_JSAPI;
            o.buyerId = "2088000000000001";
        });
    }

    @Test
    void aBarcodeIsSixteenToTwentyFourDigits() {
        refused(o -> o.payWay = PayWay.ALIPAY_BARCODE, "auth_code");
        for (String good : new String[] {"1".repeat(16), "2".repeat(24), "2841234567890123"}) {
            accepted(o -> {
                o.payWay = PayWay.ALIPAY_BARCODE;
                o.authCode = good;
            });
        }
        for (String bad : new String[] {
            "1".repeat(15), "1".repeat(25), "28412345678901a3", "2841 234567890123", "１２３４５６７８９０１２３４５６"
        }) {
            refused(
                    o -> {
                        o.payWay = PayWay.ALIPAY_BARCODE;
                        o.authCode = bad;
                    },
                    "auth_code");
        }
    }

    @Test
    void onlyWechatH5NeedsTheBuyersIp() {
        refused(o -> o.payWay = PayWay.WECHAT_H5, "client_ip");
        accepted(o -> {
            o.payWay = PayWay.WECHAT_H5;
            o.clientIp = "203.0.113.7";
        });
        accepted(o -> o.payWay = PayWay.WECHAT_NATIVE);
        accepted(o -> o.payWay = PayWay.WECHAT_APP);
    }

    @Test
    void payWaysThatNeedNoBuyerDetailsAreAcceptedWithout() {
        for (PayWay way : new PayWay[] {
            PayWay.ALIPAY_PC,
            PayWay.ALIPAY_WAP,
            PayWay.ALIPAY_APP,
            PayWay.ALIPAY_QR,
            PayWay.WECHAT_NATIVE,
            PayWay.WECHAT_APP
        }) {
            accepted(o -> o.payWay = way);
        }
    }

    // the payment window

    @Test
    void theWindowIsAtLeastOneMinute() {
        assertThat(OrderValidation.validate(order(o -> o.expiresInSeconds = 60)))
                .isEqualTo(Duration.ofMinutes(1));
        refused(o -> o.expiresInSeconds = 59, "expires_in_seconds");
        refused(o -> o.expiresInSeconds = 0, "expires_in_seconds");
        refused(o -> o.expiresInSeconds = -3600, "expires_in_seconds");
    }

    @Test
    void aWechatWindowIsAtMostSevenDaysAndAnAlipayWindowFifteen() {
        int sevenDays = (int) Duration.ofDays(7).toSeconds();
        int fifteenDays = (int) Duration.ofDays(15).toSeconds();
        assertThat(OrderValidation.validate(order(o -> {
                    o.payWay = PayWay.WECHAT_NATIVE;
                    o.expiresInSeconds = sevenDays;
                })))
                .isEqualTo(Duration.ofDays(7));
        refused(
                o -> {
                    o.payWay = PayWay.WECHAT_NATIVE;
                    o.expiresInSeconds = sevenDays + 1;
                },
                "expires_in_seconds");
        assertThat(OrderValidation.validate(order(o -> o.expiresInSeconds = sevenDays + 1)))
                .isEqualTo(Duration.ofSeconds(sevenDays + 1));
        assertThat(OrderValidation.validate(order(o -> o.expiresInSeconds = fifteenDays)))
                .isEqualTo(Duration.ofDays(15));
        refused(o -> o.expiresInSeconds = fifteenDays + 1, "expires_in_seconds");
        refused(o -> o.expiresInSeconds = Integer.MAX_VALUE, "expires_in_seconds");
    }

    @Test
    void everyPayWaysChannelHasAMaximumWindow() {
        for (PayWay way : PayWay.values()) {
            assertThat(OrderValidation.MAXIMUM_EXPIRY).as(way.name()).containsKey(way.channel());
        }
    }

    // helpers

    /** A mutable unified order: a valid ALIPAY_QR order that each test changes in one place. */
    private static final class Draft {
        String outTradeNo = "T20261122001";
        Long amount = 1999L;
        String currency = "CNY";
        String subject = "通宝 会员";
        String description = null;
        PayWay payWay = PayWay.ALIPAY_QR;
        Integer expiresInSeconds = null;
        String notifyUrl = "https://shop.example/tongbao/notify";
        String returnUrl = null;
        String clientIp = null;
        String openid = null;
        String buyerId = null;
        String authCode = null;
    }

    private static OrderRequest order(Consumer<Draft> change) {
        Draft o = new Draft();
        change.accept(o);
        return new OrderRequest(
                o.outTradeNo,
                o.amount,
                o.currency,
                o.subject,
                o.description,
                o.payWay,
                o.expiresInSeconds,
                o.notifyUrl,
                o.returnUrl,
                o.clientIp,
                o.openid,
                o.buyerId,
                o.authCode,
                null);
    }

    private static void accepted(Consumer<Draft> change) {
        OrderRequest request = order(change);
        assertThatCode(() -> OrderValidation.validate(request))
                .as(request.toString())
                .doesNotThrowAnyException();
    }

    private static void refused(Consumer<Draft> change, String field) {
        OrderRequest request = order(change);
        assertThatThrownBy(() -> OrderValidation.validate(request))
                .as(request.toString())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.code()).isEqualTo("INVALID_PARAMETER");
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }
}
