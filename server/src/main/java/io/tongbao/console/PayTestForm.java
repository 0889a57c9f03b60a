package io.tongbao.console;

import io.tongbao.payment.OrderRequest;
import io.tongbao.shared.PayWay;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The pay test form as typed, with the sandbox's buyer values as defaults, and its field errors (message keys by
 * field name). The amount is yuan, exactly: at most two decimals, never rounded.
 */
record PayTestForm(
        @Nullable String appId,
        @Nullable String payWay,
        @Nullable String amount,
        @Nullable String subject,
        @Nullable String openid,
        @Nullable String buyerId,
        @Nullable String authCode) {

    /** The sandbox's default WeChat buyer (JSAPI, mini program). */
    static final String SANDBOX_OPENID = "o_sandbox_buyer_openid";
    /** The sandbox cashier's default Alipay buyer (Alipay JSAPI). */
    static final String SANDBOX_BUYER_ID = "2088102177846875";
    /** A buyer's payment code the sandbox accepts (Alipay barcode); the buyer confirms on the phone. */
    static final String SANDBOX_AUTH_CODE = "281234567890121111";

    static final Set<PayWay> NEEDS_OPENID = Set.of(PayWay.WECHAT_JSAPI, PayWay.WECHAT_MINI);
    static final Set<PayWay> NEEDS_BUYER_ID = Set.of(PayWay.ALIPAY_JSAPI);
    static final Set<PayWay> NEEDS_AUTH_CODE = Set.of(PayWay.ALIPAY_BARCODE);
    /** Ways whose buyer leaves for the channel's web page and may come back: they get a return URL. */
    static final Set<PayWay> RETURNS = Set.of(PayWay.ALIPAY_PC, PayWay.ALIPAY_WAP);

    private static final Pattern YUAN = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    private static final BigDecimal MAXIMUM_YUAN = new BigDecimal("100000");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    static PayTestForm defaults(@Nullable String subject) {
        return new PayTestForm(
                null, PayWay.ALIPAY_QR.name(), "0.01", subject, SANDBOX_OPENID, SANDBOX_BUYER_ID, SANDBOX_AUTH_CODE);
    }

    /** Message keys of the fields that are wrong, by field; empty when the form can be sent. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(appId)) {
            errors.put("app_id", "payTest.error.app");
        }
        PayWay way = way();
        if (way == null) {
            errors.put("pay_way", "payTest.error.payWay");
        }
        if (amountInFen() == null) {
            errors.put("amount", "payTest.error.amount");
        }
        if (subject == null || subject.isBlank() || subject.strip().length() > 128) {
            errors.put("subject", "payTest.error.subject");
        }
        if (way != null && NEEDS_OPENID.contains(way) && blank(openid)) {
            errors.put("openid", "payTest.error.openid");
        }
        if (way != null && NEEDS_BUYER_ID.contains(way) && blank(buyerId)) {
            errors.put("buyer_id", "payTest.error.buyerId");
        }
        if (way != null && NEEDS_AUTH_CODE.contains(way) && (authCode == null || !authCode.matches("\\d{16,24}"))) {
            errors.put("auth_code", "payTest.error.authCode");
        }
        return errors;
    }

    @Nullable
    PayWay way() {
        if (payWay == null) {
            return null;
        }
        try {
            return PayWay.valueOf(payWay);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The amount in fen; null unless it is plain yuan digits with at most two decimals, positive, within bounds. */
    @Nullable
    Long amountInFen() {
        if (amount == null || !YUAN.matcher(amount.strip()).matches()) {
            return null;
        }
        BigDecimal yuan = new BigDecimal(amount.strip());
        if (yuan.signum() <= 0 || yuan.compareTo(MAXIMUM_YUAN) > 0) {
            return null;
        }
        return yuan.movePointRight(2).longValueExact();
    }

    /** The unified order, once {@link #errors()} is empty: a fresh {@code test-<time>} out_trade_no. */
    OrderRequest order(Instant now, String clientIp, String returnUrl) {
        PayWay way = Objects.requireNonNull(way(), "validated");
        return new OrderRequest(
                "test-" + STAMP.format(now.atOffset(ZoneOffset.UTC)),
                amountInFen(),
                "CNY",
                Objects.requireNonNull(subject, "validated").strip(),
                null,
                way,
                null,
                null,
                RETURNS.contains(way) ? returnUrl : null,
                clientIp,
                NEEDS_OPENID.contains(way) ? strip(openid) : null,
                NEEDS_BUYER_ID.contains(way) ? strip(buyerId) : null,
                NEEDS_AUTH_CODE.contains(way) ? strip(authCode) : null,
                null);
    }

    private static @Nullable String strip(@Nullable String value) {
        return value == null ? null : value.strip();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
