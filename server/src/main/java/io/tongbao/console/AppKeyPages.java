package io.tongbao.console;

import io.tongbao.channel.ChannelAccountSetup;
import io.tongbao.channel.WechatPayKeyMode;
import io.tongbao.merchant.App;
import io.tongbao.merchant.Onboarding;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An app's keys: rotating its HMAC secret (shown once), its merchant RSA public key, the platform key to download,
 * and its Alipay and WeChat Pay accounts (checked by {@link ChannelAccountSetup} when saved; merchant staff only where
 * the operator allows self-service).
 */
@Controller
class AppKeyPages {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final AppPageModel page;
    private final Onboarding onboarding;
    private final ChannelAccountSetup channels;

    AppKeyPages(AppPageModel page, Onboarding onboarding, ChannelAccountSetup channels) {
        this.page = page;
        this.onboarding = onboarding;
        this.channels = channels;
    }

    /** The new secret is on this answer only: it is not stored in clear and no page shows it again. */
    @PostMapping("/console/apps/{appId}/hmac-secret")
    String rotate(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            Model model,
            HttpServletResponse response) {
        App app = page.app(me, appId).app();
        try {
            Onboarding.RotatedSecret rotated = onboarding.rotateHmacSecret(appId, Duration.ofHours(24));
            model.addAttribute("app", app);
            model.addAttribute("secret", rotated.hmacSecret());
            model.addAttribute("previousValidUntil", rotated.previousValidUntil());
            model.addAttribute("created", false);
            model.addAttribute("path", "/console/apps/" + appId);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return "console/apps/secret";
        } catch (ApiException refused) {
            return page.refused(me, appId, refused, "hmac_secret", Map.of(), model, response);
        }
    }

    @PostMapping("/console/apps/{appId}/merchant-public-key")
    String merchantPublicKey(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            @RequestParam(name = "merchant_public_key", required = false) @Nullable String pem,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        page.app(me, appId);
        try {
            onboarding.replaceMerchantPublicKey(appId, pem);
        } catch (ApiException refused) {
            return page.refused(
                    me,
                    appId,
                    refused,
                    "merchant_public_key",
                    Map.of("merchant_public_key", pem == null ? "" : pem),
                    model,
                    response);
        }
        redirect.addFlashAttribute("notice", "apps.publicKey.saved");
        return "redirect:/console/apps/" + appId;
    }

    @GetMapping("/console/apps/{appId}/platform-key")
    ResponseEntity<String> platformKey(@AuthenticationPrincipal SignedInUser me, @PathVariable String appId) {
        page.app(me, appId);
        String pem = onboarding.platformPublicKey(appId).orElseThrow(NotFound::new);
        return ResponseEntity.ok()
                .contentType(PEM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(appId + "-platform-public-key.pem")
                                .build()
                                .toString())
                .body(pem);
    }

    @PostMapping("/console/apps/{appId}/channels/alipay")
    String alipay(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            @RequestParam(name = "channel_app_id", required = false) @Nullable String channelAppId,
            @RequestParam(name = "app_private_key", required = false) @Nullable String appPrivateKey,
            @RequestParam(name = "alipay_public_key", required = false) @Nullable String alipayPublicKey,
            @RequestParam(name = "gateway_url", required = false) @Nullable String gatewayUrl,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        App app = page.app(me, appId).app();
        if (!page.mayUploadChannelKeys(me, app.merchantId())) {
            return denied(response);
        }
        try {
            channels.alipay(
                    appId,
                    new ChannelAccountSetup.AlipaySetup(channelAppId, appPrivateKey, alipayPublicKey, gatewayUrl));
        } catch (ApiException refused) {
            // the private key is never sent back to the browser: it is typed again
            Map<String, String> entered = new LinkedHashMap<>();
            entered.put("channel_app_id", text(channelAppId));
            entered.put("alipay_public_key", text(alipayPublicKey));
            entered.put("gateway_url", text(gatewayUrl));
            return page.refused(me, appId, refused, "channel_app_id", entered, model, response);
        }
        redirect.addFlashAttribute("notice", "apps.channels.alipay.saved");
        return "redirect:/console/apps/" + appId;
    }

    @PostMapping("/console/apps/{appId}/channels/wechatpay")
    String wechatPay(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            @RequestParam(required = false) @Nullable String mchid,
            @RequestParam(name = "app_ids", required = false) @Nullable String appIds,
            @RequestParam(name = "merchant_private_key", required = false) @Nullable String merchantPrivateKey,
            @RequestParam(name = "merchant_serial_no", required = false) @Nullable String merchantSerialNo,
            @RequestParam(name = "merchant_certificate", required = false) @Nullable String merchantCertificate,
            @RequestParam(name = "api_v3_key", required = false) @Nullable String apiV3Key,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(name = "wechatpay_public_key", required = false) @Nullable String wechatpayPublicKey,
            @RequestParam(name = "wechatpay_public_key_id", required = false) @Nullable String wechatpayPublicKeyId,
            @RequestParam(name = "base_url", required = false) @Nullable String baseUrl,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        App app = page.app(me, appId).app();
        if (!page.mayUploadChannelKeys(me, app.merchantId())) {
            return denied(response);
        }
        try {
            channels.wechatPay(
                    appId,
                    new ChannelAccountSetup.WechatPaySetup(
                            mchid,
                            wechatAppIds(appIds),
                            merchantPrivateKey,
                            merchantSerialNo,
                            merchantCertificate,
                            apiV3Key,
                            modeOf(mode),
                            wechatpayPublicKey,
                            wechatpayPublicKeyId,
                            baseUrl));
        } catch (ApiException refused) {
            // the private key and the APIv3 key are never sent back to the browser: they are typed again
            Map<String, String> entered = new LinkedHashMap<>();
            entered.put("mchid", text(mchid));
            entered.put("app_ids", text(appIds));
            entered.put("merchant_serial_no", text(merchantSerialNo));
            entered.put("merchant_certificate", text(merchantCertificate));
            entered.put("mode", text(mode));
            entered.put("wechatpay_public_key", text(wechatpayPublicKey));
            entered.put("wechatpay_public_key_id", text(wechatpayPublicKeyId));
            entered.put("base_url", text(baseUrl));
            return page.refused(me, appId, refused, "mchid", entered, model, response);
        }
        redirect.addFlashAttribute("notice", "apps.channels.wechatpay.saved");
        return "redirect:/console/apps/" + appId;
    }

    private static String denied(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "console/denied";
    }

    private static @Nullable List<String> wechatAppIds(@Nullable String appIds) {
        if (appIds == null || appIds.isBlank()) {
            return null;
        }
        return Arrays.stream(appIds.split("[,，\\s]+"))
                .filter(id -> !id.isBlank())
                .toList();
    }

    private static @Nullable WechatPayKeyMode modeOf(@Nullable String mode) {
        if (mode == null || mode.isBlank()) {
            return null;
        }
        try {
            return WechatPayKeyMode.valueOf(mode.strip());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
