package io.tongbao.merchant;

import io.swagger.v3.oas.annotations.Operation;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.web.ApiException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's API for merchants, apps, credentials and fee rates. */
@RestController
@RequestMapping("/api/operator")
class OperatorMerchantController {

    private final Onboarding onboarding;
    private final MerchantStore store;
    private final FeeRates feeRates;

    OperatorMerchantController(Onboarding onboarding, MerchantStore store, FeeRates feeRates) {
        this.onboarding = onboarding;
        this.store = store;
        this.feeRates = feeRates;
    }

    record NewMerchant(@Nullable String name) {}

    record NewApp(
            @Nullable String name,
            @Nullable String notifyUrl,
            @Nullable SignType signType,
            @Nullable String merchantPublicKey) {}

    /** The only response that carries an HMAC secret, once. */
    record CreatedApp(
            App app, @Nullable String hmacSecret, @Nullable String platformPublicKey) {
        @Override
        public String toString() {
            return "CreatedApp[app=" + app + ", hmacSecret=****]";
        }
    }

    record SecretRotation(@Nullable Integer overlapHours) {}

    record RotatedSecret(String hmacSecret, OffsetDateTime previousSecretsValidUntil) {
        @Override
        public String toString() {
            return "RotatedSecret[hmacSecret=****]";
        }
    }

    record MerchantPublicKey(@Nullable String merchantPublicKey) {}

    record NotifyUrl(@Nullable String notifyUrl) {}

    record PlatformPublicKey(String appId, String algorithm, String publicKeyPem) {}

    record Rates(@Nullable Map<PayWay, Integer> rates) {}

    @Operation(summary = "Create a merchant")
    @PostMapping("/merchants")
    @ResponseStatus(HttpStatus.CREATED)
    Merchant createMerchant(@RequestBody NewMerchant request) {
        return onboarding.createMerchant(request.name());
    }

    @Operation(operationId = "listMerchants", summary = "Merchants")
    @GetMapping("/merchants")
    List<Merchant> merchants() {
        return store.merchants(500);
    }

    @Operation(operationId = "getMerchant", summary = "A merchant")
    @GetMapping("/merchants/{merchantId}")
    Merchant merchant(@PathVariable String merchantId) {
        return onboarding.merchant(merchantId);
    }

    @Operation(summary = "Suspend a merchant: its apps' calls are refused with 403 MERCHANT_SUSPENDED")
    @PostMapping("/merchants/{merchantId}/suspend")
    Merchant suspendMerchant(@PathVariable String merchantId) {
        return onboarding.changeMerchantStatus(merchantId, Status.SUSPENDED);
    }

    @Operation(summary = "Activate a suspended merchant")
    @PostMapping("/merchants/{merchantId}/activate")
    Merchant activateMerchant(@PathVariable String merchantId) {
        return onboarding.changeMerchantStatus(merchantId, Status.ACTIVE);
    }

    @Operation(summary = "Create an app; an HMAC app's secret is in this answer only")
    @PostMapping("/merchants/{merchantId}/apps")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedApp createApp(@PathVariable String merchantId, @RequestBody NewApp request) {
        Onboarding.AppCreated created = onboarding.createApp(
                merchantId, request.name(), request.notifyUrl(), request.signType(), request.merchantPublicKey());
        return new CreatedApp(created.app(), created.hmacSecret(), created.platformPublicKey());
    }

    @Operation(operationId = "listApps", summary = "A merchant's apps")
    @GetMapping("/merchants/{merchantId}/apps")
    List<App> apps(@PathVariable String merchantId) {
        onboarding.merchant(merchantId);
        return store.appsOf(merchantId);
    }

    @Operation(operationId = "getAppAsOperator", summary = "An app")
    @GetMapping("/apps/{appId}")
    App app(@PathVariable String appId) {
        return onboarding.app(appId);
    }

    @Operation(summary = "Suspend an app")
    @PostMapping("/apps/{appId}/suspend")
    App suspendApp(@PathVariable String appId) {
        return onboarding.changeAppStatus(appId, Status.SUSPENDED);
    }

    @Operation(summary = "Activate a suspended app")
    @PostMapping("/apps/{appId}/activate")
    App activateApp(@PathVariable String appId) {
        return onboarding.changeAppStatus(appId, Status.ACTIVE);
    }

    @Operation(operationId = "setNotifyUrl", summary = "Change an app's webhook notify URL")
    @PutMapping("/apps/{appId}/notify-url")
    App notifyUrl(@PathVariable String appId, @RequestBody NotifyUrl request) {
        return onboarding.changeNotifyUrl(appId, request.notifyUrl());
    }

    @Operation(summary = "Rotate an HMAC app's secret; the old one stays valid for overlap_hours (default 24)")
    @PostMapping("/apps/{appId}/hmac-secret")
    RotatedSecret rotateHmacSecret(
            @PathVariable String appId, @RequestBody(required = false) @Nullable SecretRotation request) {
        int hours = request == null || request.overlapHours() == null ? 24 : request.overlapHours();
        Onboarding.RotatedSecret rotated = onboarding.rotateHmacSecret(appId, Duration.ofHours(hours));
        return new RotatedSecret(rotated.hmacSecret(), rotated.previousValidUntil());
    }

    @Operation(operationId = "setMerchantPublicKey", summary = "Replace an RSA2 app's merchant public key")
    @PutMapping("/apps/{appId}/merchant-public-key")
    App merchantPublicKey(@PathVariable String appId, @RequestBody MerchantPublicKey request) {
        return onboarding.replaceMerchantPublicKey(appId, request.merchantPublicKey());
    }

    @Operation(operationId = "getAppPlatformKey", summary = "An RSA2 app's platform public key")
    @GetMapping("/apps/{appId}/platform-key")
    PlatformPublicKey platformKey(@PathVariable String appId) {
        onboarding.app(appId);
        return store.platformPublicKey(appId)
                .map(pem -> new PlatformPublicKey(appId, "SHA256withRSA", pem))
                .orElseThrow(() -> ApiException.rule(
                        "WRONG_SIGN_TYPE", "app " + appId + " signs with HMAC; it has no platform key"));
    }

    @Operation(summary = "Set an app's fee rates, in parts per million of the amount (0.6 % = 6000)")
    @PutMapping("/apps/{appId}/fee-rates")
    Rates setFeeRates(@PathVariable String appId, @RequestBody Rates request) {
        onboarding.app(appId);
        if (request.rates() == null || request.rates().isEmpty()) {
            throw ApiException.invalid("rates", "give at least one pay way and its rate");
        }
        return new Rates(feeRates.set(appId, request.rates()));
    }

    @Operation(operationId = "getFeeRates", summary = "An app's fee rates")
    @GetMapping("/apps/{appId}/fee-rates")
    Rates feeRates(@PathVariable String appId) {
        onboarding.app(appId);
        return new Rates(feeRates.rates(appId));
    }
}
