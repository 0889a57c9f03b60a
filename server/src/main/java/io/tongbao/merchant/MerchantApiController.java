package io.tongbao.merchant;

import io.swagger.v3.oas.annotations.Operation;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a merchant app can ask about itself. */
@RestController
@RequestMapping("/api/v1")
class MerchantApiController {

    private final MerchantStore store;

    MerchantApiController(MerchantStore store) {
        this.store = store;
    }

    record AppInfo(
            String appId,
            String merchantId,
            String name,
            Status status,
            SignType signType,
            @Nullable String notifyUrl) {
        static AppInfo of(App app) {
            return new AppInfo(app.id(), app.merchantId(), app.name(), app.status(), app.signType(), app.notifyUrl());
        }
    }

    record PlatformKey(String appId, String algorithm, String publicKeyPem) {}

    @Operation(operationId = "getApp", summary = "The calling app")
    @GetMapping("/app")
    AppInfo current(MerchantCaller caller) {
        return app(caller, caller.appId());
    }

    /** Apps of the caller's own merchant only: another merchant's app is "not found", never "forbidden". */
    @Operation(summary = "Another app of the caller's merchant (404 for anyone else's)")
    @GetMapping("/apps/{appId}")
    AppInfo app(MerchantCaller caller, @PathVariable String appId) {
        return store.app(appId)
                .filter(app -> app.merchantId().equals(caller.merchantId()))
                .map(AppInfo::of)
                .orElseThrow(() -> ApiException.notFound("app", appId));
    }

    @Operation(
            operationId = "getPlatformKey",
            summary = "The PEM public key that signs an RSA2 app's responses (422 WRONG_SIGN_TYPE for HMAC apps)")
    @GetMapping("/app/platform-key")
    PlatformKey platformKey(MerchantCaller caller) {
        return store.platformPublicKey(caller.appId())
                .map(pem -> new PlatformKey(caller.appId(), "SHA256withRSA", pem))
                .orElseThrow(
                        () -> ApiException.rule("WRONG_SIGN_TYPE", "this app signs with HMAC; it has no platform key"));
    }
}
