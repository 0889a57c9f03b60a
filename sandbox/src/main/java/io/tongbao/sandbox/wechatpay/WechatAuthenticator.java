package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Rsa;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Checks a merchant's {@code Authorization: WECHATPAY2-SHA256-RSA2048 …} header: known mchid, the registered
 * certificate serial, a timestamp within five minutes of the wall clock, and a signature over
 * {@code METHOD\nURL\ntimestamp\nnonce\nbody\n}. The URL is the request-target exactly as it arrived (raw path,
 * mount prefix and context path included, plus the raw query): WeChat Pay verifies the URL the client requested,
 * so a client configured with {@code api_base_url} signs {@code /sandbox/wechatpay/v3/…} and that is what is
 * checked. A client that signs one path and sends another is refused, as WeChat Pay would refuse it.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatAuthenticator {

    static final String MOUNT = "/sandbox/wechatpay";
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);
    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final WechatMerchants merchants;
    private final SandboxClock clock;

    WechatAuthenticator(WechatMerchants merchants, SandboxClock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    WechatMerchant authenticate(HttpServletRequest request, String body) {
        String header = request.getHeader("Authorization");
        String scheme = WechatPayKeys.SIGNATURE_TYPE + " ";
        if (header == null || !header.startsWith(scheme)) {
            throw WechatError.signature("Authorization 头缺失或认证类型不是 " + WechatPayKeys.SIGNATURE_TYPE);
        }
        Map<String, String> token = parse(header.substring(scheme.length()));
        for (String required : new String[] {"mchid", "nonce_str", "timestamp", "serial_no", "signature"}) {
            if (!token.containsKey(required)) {
                throw WechatError.signature("Authorization 缺少 " + required);
            }
        }
        WechatMerchant merchant = merchants
                .find(token.get("mchid"))
                .orElseThrow(() -> WechatError.signature("商户号不存在: " + token.get("mchid")));
        if (!merchant.merchantSerialNo().equals(token.get("serial_no"))) {
            throw WechatError.signature("商户证书序列号与注册的不一致");
        }
        checkFresh(token.get("timestamp"));
        String message = request.getMethod() + "\n" + signedUrl(request) + "\n" + token.get("timestamp") + "\n"
                + token.get("nonce_str") + "\n" + body + "\n";
        if (!Rsa.verify(
                Rsa.SHA256, merchant.merchantPublicKey(), message, StandardCharsets.UTF_8, token.get("signature"))) {
            throw WechatError.signature("签名错误");
        }
        return merchant;
    }

    private void checkFresh(String timestamp) {
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
            if (Duration.between(signedAt, clock.wallClock().instant()).abs().compareTo(ALLOWED_SKEW) > 0) {
                throw WechatError.signature("请求时间戳与当前时间相差超过 5 分钟");
            }
        } catch (NumberFormatException e) {
            throw WechatError.signature("timestamp 不是数字");
        }
    }

    /** getRequestURI and getQueryString are both undecoded: the characters on the request line. */
    private static String signedUrl(HttpServletRequest request) {
        String path = request.getRequestURI();
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    private static Map<String, String> parse(String parameters) {
        Map<String, String> token = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(parameters);
        while (matcher.find()) {
            token.put(matcher.group(1), matcher.group(2));
        }
        return token;
    }
}
