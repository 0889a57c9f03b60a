package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.AlipaySandbox;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.BaseUrl;
import io.tongbao.sandbox.support.SandboxJson;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Self-service registration, like the Alipay open platform's sandbox app page. */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayOnboardingController {

    private final AlipaySandbox apps;
    private final BaseUrl baseUrl;

    AlipayOnboardingController(AlipaySandbox apps, BaseUrl baseUrl) {
        this.apps = apps;
        this.baseUrl = baseUrl;
    }

    /** @param appId optional: keep this app id (e.g. a demo app across restarts) */
    record Registration(String appId, String appPublicKey) {}

    record Registered(
            String appId,
            String sellerId,
            String alipayPublicKey,
            String gatewayUrl,
            String signType,
            String charset) {}

    @PostMapping("/sandbox/alipay/apps")
    ResponseEntity<String> register(@RequestBody String body, HttpServletRequest request) {
        Registration registration = SandboxJson.read(body, Registration.class);
        if (registration.appPublicKey() == null || registration.appPublicKey().isBlank()) {
            throw new IllegalArgumentException("app_public_key is required: the app's RSA public key, Base64 or PEM");
        }
        AlipaySandbox.Credentials app = apps.registerApp(registration.appId(), registration.appPublicKey());
        return SandboxJson.respond(
                HttpStatus.CREATED,
                new Registered(
                        app.appId(),
                        app.sellerId(),
                        app.alipayPublicKey(),
                        baseUrl.of(request) + "/sandbox/alipay/gateway.do",
                        "RSA2",
                        "utf-8"));
    }
}
