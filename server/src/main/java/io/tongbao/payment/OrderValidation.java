package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.web.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The unified order's field rules, each refusal naming its field. */
final class OrderValidation {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(2);
    static final Duration MINIMUM_EXPIRY = Duration.ofMinutes(1);
    /** WeChat Pay's payment window is at most 7 days; Alipay's 15 days. */
    static final Map<PayWay.Channel, Duration> MAXIMUM_EXPIRY =
            Map.of(PayWay.Channel.WECHATPAY, Duration.ofDays(7), PayWay.Channel.ALIPAY, Duration.ofDays(15));
    /** Alipay's and WeChat's single-payment ceiling is far lower; this only keeps nonsense out. */
    static final long MAXIMUM_AMOUNT = 100_000_000_00L;

    private OrderValidation() {}

    static Duration validate(OrderRequest request) {
        String outTradeNo = text(request.outTradeNo(), "out_trade_no", 64);
        if (!OutTradeNo.isValid(outTradeNo)) {
            throw ApiException.invalid("out_trade_no", "letters, digits and _-*| only, at most 64");
        }
        Long amount = request.amount();
        if (amount == null || amount <= 0) {
            throw ApiException.invalid("amount", "must be a positive number of fen");
        }
        if (amount > MAXIMUM_AMOUNT) {
            throw ApiException.invalid("amount", "must be at most " + MAXIMUM_AMOUNT + " fen");
        }
        if (request.currency() != null && Currency.byCode(request.currency()).isEmpty()) {
            throw ApiException.invalid("currency", "only " + Currency.CNY + " is supported");
        }
        text(request.subject(), "subject", 128);
        if (request.description() != null && request.description().length() > 512) {
            throw ApiException.invalid("description", "at most 512 characters");
        }
        PayWay payWay = request.payWay();
        if (payWay == null) {
            throw ApiException.invalid("pay_way", "is required");
        }
        url(request.notifyUrl(), "notify_url");
        url(request.returnUrl(), "return_url");
        switch (payWay) {
            case WECHAT_JSAPI, WECHAT_MINI -> text(request.openid(), "openid", 128);
            case ALIPAY_JSAPI -> text(request.buyerId(), "buyer_id", 128);
            case ALIPAY_BARCODE -> {
                String authCode = text(request.authCode(), "auth_code", 64);
                if (!authCode.matches("\\d{16,24}")) {
                    throw ApiException.invalid("auth_code", "is the 16 to 24 digits of the buyer's payment code");
                }
            }
            case WECHAT_H5, WECHAT_NATIVE, WECHAT_APP -> {
                if (payWay == PayWay.WECHAT_H5) {
                    text(request.clientIp(), "client_ip", 64);
                }
            }
            default -> {}
        }
        Duration expiry =
                request.expiresInSeconds() == null ? DEFAULT_EXPIRY : Duration.ofSeconds(request.expiresInSeconds());
        Duration maximum =
                Objects.requireNonNull(MAXIMUM_EXPIRY.get(payWay.channel()), "every channel has a maximum expiry");
        if (expiry.compareTo(MINIMUM_EXPIRY) < 0 || expiry.compareTo(maximum) > 0) {
            throw ApiException.invalid(
                    "expires_in_seconds", "must be between 60 and " + maximum.toSeconds() + " for " + payWay.channel());
        }
        return expiry;
    }

    /** The value, which is required. */
    private static String text(@Nullable String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, "at most " + max + " characters");
        }
        return value;
    }

    private static void url(@Nullable String value, String field) {
        if (value == null) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.invalid(field, "must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "is not a URL");
        }
    }
}
