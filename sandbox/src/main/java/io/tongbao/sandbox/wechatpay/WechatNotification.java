package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.support.AesGcm;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.OutboundNotification;
import io.tongbao.sandbox.support.SandboxJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;

/**
 * A WeChat Pay v3 notification: JSON whose resource is AES-256-GCM encrypted under the merchant's APIv3 key, with
 * the same signed headers as an API reply. Received when the merchant answers 200 or 204.
 */
final class WechatNotification implements OutboundNotification {

    /** WeChat Pay's documented schedule: after the first try, 15 more over 24h04m. */
    static final List<Duration> RETRY_INTERVALS = List.of(
            Duration.ofSeconds(15),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(3),
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(60),
            Duration.ofHours(3),
            Duration.ofHours(3),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(6));

    interface HeaderSigner {
        HttpHeaders sign(String body);
    }

    private final String id;
    private final WechatMerchant merchant;
    private final String outTradeNo;
    private final URI target;
    private final String eventType;
    private final String summary;
    private final String originalType;
    private final Instant createTime;
    private final Map<String, Object> plaintext;
    private final HeaderSigner signer;

    WechatNotification(
            WechatMerchant merchant,
            String outTradeNo,
            URI target,
            String eventType,
            String summary,
            String originalType,
            Instant createTime,
            Map<String, Object> plaintext,
            HeaderSigner signer) {
        this.id = UUID.randomUUID().toString();
        this.merchant = merchant;
        this.outTradeNo = outTradeNo;
        this.target = target;
        this.eventType = eventType;
        this.summary = summary;
        this.originalType = originalType;
        this.createTime = createTime;
        this.plaintext = Map.copyOf(plaintext);
        this.signer = signer;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String channel() {
        return "wechatpay";
    }

    @Override
    public String account() {
        return merchant.mchid();
    }

    @Override
    public String outTradeNo() {
        return outTradeNo;
    }

    @Override
    public String summary() {
        return eventType;
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
        String body = body(tampering == Tampering.AMOUNT ? inflated() : plaintext);
        HttpHeaders headers = signer.sign(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach((name, values) -> {
            String value = values.getFirst();
            if (tampering == Tampering.SIGNATURE && name.equals("Wechatpay-Signature")) {
                value = (value.charAt(0) == 'A' ? 'B' : 'A') + value.substring(1);
            }
            request.header(name, value);
        });
        return request;
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return status == 200 || status == 204;
    }

    private String body(Map<String, Object> content) {
        String nonce = Ids.alphanumeric(12);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("original_type", originalType);
        resource.put("algorithm", "AEAD_AES_256_GCM");
        resource.put(
                "ciphertext", AesGcm.encrypt(merchant.apiV3Key(), nonce, originalType, SandboxJson.write(content)));
        resource.put("associated_data", originalType);
        resource.put("nonce", nonce);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id);
        envelope.put("create_time", WechatTime.format(createTime));
        envelope.put("resource_type", "encrypt-resource");
        envelope.put("event_type", eventType);
        envelope.put("summary", summary);
        envelope.put("resource", resource);
        return SandboxJson.write(envelope);
    }

    /** One yuan more than was paid, in every amount field, validly encrypted and signed. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> inflated() {
        Map<String, Object> copy = new LinkedHashMap<>(plaintext);
        Map<String, Object> amount = new LinkedHashMap<>((Map<String, Object>) plaintext.get("amount"));
        amount.replaceAll((key, value) -> value instanceof Long fen ? fen + 100 : value);
        copy.put("amount", amount);
        return copy;
    }
}
