package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.web.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The unified order's field rules, each refusal naming its field. */
final class OrderValidation {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(2);
    static final Duration MINIMUM_EXPIRY = Duration.ofMinutes(1);
    /** WeChat Pay's payment window is at most 7 days; Alipay's 15 days. */
    static final Map<PayWay.Channel, Duration> MAXIMUM_EXPIRY = Map.of(
            PayWay.Channel.WECHATPAY, Duration.ofDays(7), PayWay.Channel.ALIPAY, Duration.ofDays(15));
    /** Alipay's and WeChat's single-payment ceiling is far lower; this only keeps nonsense out. */
    static final long MAXIMUM_AMOUNT = 100_000_000_00L;

    private OrderValidation() {
    }

    static Duration validate(OrderRequest request) {
        text(request.outTradeNo(), "out_trade_no", 64);
        if (!OutTradeNo.isValid(request.outTradeNo())) {
            throw ApiException.invalid("out_trade_no", "letters, digits and _-*| only, at most 64");
        }
        if (request.amount() == null || request.amount() <= 0) {
            throw ApiException.invalid("amount", "must be a positive number of fen");
        }
        if (request.amount() > MAXIMUM_AMOUNT) {
            throw ApiException.invalid("amount", "must be at most " + MAXIMUM_AMOUNT + " fen");
        }
        if (request.currency() != null && Currency.byCode(request.currency()).isEmpty()) {
            throw ApiException.invalid("currency", "only " + Currency.CNY + " is supported");
        }
        text(request.subject(), "subject", 128);
        if (request.description() != null && request.description().length() > 512) {
            throw ApiException.invalid("description", "at most 512 characters");
        }
        if (request.payWay() == null) {
            throw ApiException.invalid("pay_way", "is required");
        }
        url(request.notifyUrl(), "notify_url");
        url(request.returnUrl(), "return_url");
        switch (request.payWay()) {
            case WECHAT_JSAPI, WECHAT_MINI -> text(request.openid(), "openid", 128);
            case ALIPAY_JSAPI -> text(request.buyerId(), "buyer_id", 128);
            case ALIPAY_BARCODE -> {
                text(request.authCode(), "auth_code", 64);
                if (!request.authCode().matches("\\d{16,24}")) {
                    throw ApiException.invalid("auth_code", "is the 16 to 24 digits of the buyer's payment code");
                }
            }
            case WECHAT_H5, WECHAT_NATIVE, WECHAT_APP -> {
                if (request.payWay() == PayWay.WECHAT_H5) {
                    text(request.clientIp(), "client_ip", 64);
                }
            }
            default -> {
            }
        }
        Duration expiry = request.expiresInSeconds() == null ? DEFAULT_EXPIRY
                : Duration.ofSeconds(request.expiresInSeconds());
        Duration maximum = MAXIMUM_EXPIRY.get(request.payWay().channel());
        if (expiry.compareTo(MINIMUM_EXPIRY) < 0 || expiry.compareTo(maximum) > 0) {
            throw ApiException.invalid("expires_in_seconds", "must be between 60 and " + maximum.toSeconds()
                    + " for " + request.payWay().channel());
        }
        return expiry;
    }

    private static void text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, "at most " + max + " characters");
        }
    }

    private static void url(String value, String field) {
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
