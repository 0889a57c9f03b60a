package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.AlipaySandbox;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Ids;
import io.tongbao.sandbox.support.Rsa;
import io.tongbao.sandbox.support.RsaKeyPool;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayApps implements AlipaySandbox {

    private static final Pattern APP_ID = Pattern.compile("\\d{16}");

    private final Map<String, AlipayApp> apps = new ConcurrentHashMap<>();
    private final SandboxClock clock;
    private final RsaKeyPool keyPool;

    AlipayApps(SandboxClock clock, RsaKeyPool keyPool) {
        this.clock = clock;
        this.keyPool = keyPool;
    }

    /** Sandbox app ids look like real ones (2021…, 16 digits) so that clients' format checks pass. */
    @Override
    public Credentials registerApp(String requestedAppId, String appPublicKey) {
        if (requestedAppId != null && !APP_ID.matcher(requestedAppId).matches()) {
            throw new IllegalArgumentException("an Alipay app_id has 16 digits: " + requestedAppId);
        }
        String appId = requestedAppId != null ? requestedAppId : "2021" + Ids.digits(12);
        AlipayApp previous = apps.get(appId);
        String sellerId = previous != null ? previous.sellerId() : "2088" + Ids.digits(12);
        // as at Alipay, changing the app's key leaves Alipay's key for the app as it was
        AlipayApp app = new AlipayApp(
                appId,
                sellerId,
                Rsa.parsePublicKey(appPublicKey),
                previous != null ? previous.alipayKeys() : keyPool.take(),
                clock.instant());
        apps.put(appId, app);
        return new Credentials(app.appId(), app.sellerId(), app.alipayPublicKeyBase64());
    }

    Optional<AlipayApp> find(String appId) {
        return Optional.ofNullable(appId).map(apps::get);
    }
}
