package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.WechatPaySandbox;
import io.tongbao.sandbox.WechatPaySandbox.KeyMode;
import io.tongbao.sandbox.support.BaseUrl;
import io.tongbao.sandbox.support.SandboxJson;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service registration: the merchant brings its API key's public half and certificate serial, and gets what
 * WeChat Pay's merchant platform would give it: a mchid, an APIv3 key, the WeChat Pay public key and its id, and
 * the platform certificate.
 */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatOnboardingController {

    private final WechatPaySandbox merchants;
    private final BaseUrl baseUrl;

    WechatOnboardingController(WechatPaySandbox merchants, BaseUrl baseUrl) {
        this.merchants = merchants;
        this.baseUrl = baseUrl;
    }

    /** mchid and api_v3_key are optional: a demo merchant may keep them across restarts. */
    record Registration(
            String mchid,
            String merchantPublicKey,
            String merchantSerialNo,
            KeyMode keyMode,
            List<String> appids,
            String apiV3Key) {}

    record Registered(
            String mchid,
            List<String> appids,
            String apiV3Key,
            String keyMode,
            String wechatpayPublicKeyId,
            String wechatpayPublicKey,
            String platformCertificateSerialNo,
            String platformCertificate,
            String apiBaseUrl) {}

    @PostMapping("/sandbox/wechatpay/merchants")
    ResponseEntity<String> register(@RequestBody String body, HttpServletRequest request) {
        Registration registration = SandboxJson.read(body, Registration.class);
        if (registration.merchantPublicKey() == null || registration.merchantSerialNo() == null) {
            throw new IllegalArgumentException(
                    "merchant_public_key (PEM or Base64) and merchant_serial_no (the API certificate's serial) are required");
        }
        WechatPaySandbox.Credentials merchant = merchants.registerMerchant(
                registration.mchid(),
                registration.merchantPublicKey(),
                registration.merchantSerialNo(),
                registration.keyMode(),
                registration.appids(),
                registration.apiV3Key());
        return SandboxJson.respond(
                HttpStatus.CREATED,
                new Registered(
                        merchant.mchid(),
                        merchant.appids(),
                        merchant.apiV3Key(),
                        merchant.keyMode().name(),
                        merchant.wechatpayPublicKeyId(),
                        merchant.wechatpayPublicKeyPem(),
                        merchant.platformCertificateSerialNo(),
                        merchant.platformCertificatePem(),
                        baseUrl.of(request) + WechatAuthenticator.MOUNT));
    }
}
