package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.WechatPaySandbox;
import io.tongbao.sandbox.WechatPaySandbox.KeyMode;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.Rsa;
import io.tongbao.sandbox.support.RsaKeyPool;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatMerchants implements WechatPaySandbox {

    private static final Pattern MCHID = Pattern.compile("1\\d{9}");

    private final Map<String, WechatMerchant> merchants = new ConcurrentHashMap<>();
    private final RsaKeyPool keyPool;
    private final SandboxClock clock;

    WechatMerchants(RsaKeyPool keyPool, SandboxClock clock) {
        this.keyPool = keyPool;
        this.clock = clock;
    }

    /** Sandbox mchids look like real ones (10 digits starting with 1) so that clients' format checks pass. */
    @Override
    public Credentials registerMerchant(
            String requestedMchid,
            String merchantPublicKey,
            String merchantSerialNo,
            KeyMode keyMode,
            List<String> appids,
            String requestedApiV3Key) {
        if (requestedMchid != null && !MCHID.matcher(requestedMchid).matches()) {
            throw new IllegalArgumentException("a mchid has 10 digits starting with 1: " + requestedMchid);
        }
        if (requestedApiV3Key != null && requestedApiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            throw new IllegalArgumentException("an APIv3 key has 32 characters");
        }
        if (merchantSerialNo == null || merchantSerialNo.isBlank()) {
            throw new IllegalArgumentException("merchant_serial_no is required");
        }
        Set<String> bound = new HashSet<>(appids == null ? List.of() : appids);
        if (bound.isEmpty()) {
            bound.add("wx" + Ids.hex(8));
        }
        String mchid = requestedMchid != null ? requestedMchid : "1" + Ids.digits(9);
        // registering a mchid again changes the merchant's key, not WeChat Pay's keys for that merchant
        WechatPayKeys keys = find(mchid)
                .map(WechatMerchant::keys)
                .orElseGet(
                        () -> WechatPayKeys.generate(keyPool, clock.wallClock().instant()));
        WechatMerchant merchant = new WechatMerchant(
                mchid,
                Rsa.parsePublicKey(merchantPublicKey),
                merchantSerialNo,
                requestedApiV3Key != null ? requestedApiV3Key : Ids.alphanumeric(32),
                Set.copyOf(bound),
                keyMode == null ? KeyMode.PUBLIC_KEY : keyMode,
                keys);
        merchants.put(merchant.mchid(), merchant);
        return new Credentials(
                merchant.mchid(),
                List.copyOf(merchant.appids()),
                merchant.apiV3Key(),
                merchant.keyMode(),
                keys.publicKeyId(),
                keys.publicKeyPem(),
                keys.certificateSerial(),
                keys.certificatePem());
    }

    Optional<WechatMerchant> find(String mchid) {
        return Optional.ofNullable(mchid).map(merchants::get);
    }
}
