package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.support.OutboundNotification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An Alipay asynchronous notification: a form POST signed with the "V1" rule (every non-empty parameter except
 * sign and sign_type), acknowledged only by the exact body {@code success}.
 */
final class AlipayNotification implements OutboundNotification {

    /** Alipay's documented schedule: 8 tries over 24h22m. */
    static final List<Duration> RETRY_INTERVALS = List.of(
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofHours(15));

    private final String notifyId;
    private final String appId;
    private final String outTradeNo;
    private final URI target;
    private final Map<String, String> params;
    private final SignType signType;
    private final Function<String, String> signer;

    AlipayNotification(
            String notifyId,
            String appId,
            String outTradeNo,
            URI target,
            Map<String, String> params,
            SignType signType,
            Function<String, String> signer) {
        this.notifyId = notifyId;
        this.appId = appId;
        this.outTradeNo = outTradeNo;
        this.target = target;
        this.params = Map.copyOf(params);
        this.signType = signType;
        this.signer = signer;
    }

    @Override
    public String id() {
        return notifyId;
    }

    @Override
    public String channel() {
        return "alipay";
    }

    @Override
    public String account() {
        return appId;
    }

    @Override
    public String outTradeNo() {
        return outTradeNo;
    }

    @Override
    public String summary() {
        return params.get("trade_status")
                + (params.containsKey("refund_fee") ? " refund_fee=" + params.get("refund_fee") : "");
    }

    @Override
    public URI target() {
        return target;
    }

    @Override
    public List<Duration> retryIntervals() {
        return RETRY_INTERVALS;
    }

    @Override
    public HttpRequest.Builder request(Instant sentAt, Tampering tampering) {
        Map<String, String> form = new TreeMap<>(params);
        form.put("notify_time", AlipayTime.format(sentAt));
        if (tampering == Tampering.AMOUNT) {
            String inflated = Yuan.format(Math.addExact(Yuan.toFen("total_amount", form.get("total_amount")), 100));
            form.put("total_amount", inflated);
            form.put("receipt_amount", inflated);
            form.put("buyer_pay_amount", inflated);
        }
        String sign = signer.apply(AlipaySigning.contentV1(form));
        form.put("sign_type", signType.name());
        form.put("sign", tampering == Tampering.SIGNATURE ? AlipaySigning.corrupt(sign) : sign);
        return HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8));
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return status == 200 && "success".equals(body);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> withoutEmpty(Map<String, String> params) {
        Map<String, String> kept = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
