package io.tongbao.console;

import io.tongbao.merchant.Merchant;
import io.tongbao.merchant.MerchantDirectory;
import io.tongbao.merchant.MerchantDirectory.AppFilter;
import io.tongbao.merchant.MerchantDirectory.MerchantFilter;
import io.tongbao.merchant.Onboarding;
import io.tongbao.merchant.SignType;
import io.tongbao.merchant.Status;
import io.tongbao.platform.Action;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's merchants: the list, creating one, a merchant's page (status, its apps, creating an app, whether
 * its own staff may upload channel keys). Merchant staff never reach these pages (a 404 even where their role's
 * actions would allow the request).
 */
@Controller
class MerchantPages {

    private static final int APPS_SHOWN = 100;

    private final MerchantDirectory directory;
    private final Onboarding onboarding;

    MerchantPages(MerchantDirectory directory, Onboarding onboarding) {
        this.directory = directory;
        this.onboarding = onboarding;
    }

    @GetMapping("/console/merchants")
    String merchants(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String direction,
            Model model) {
        operatorsOnly(me);
        Status wanted = statusOf(status);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("statuses", Status.values());
        model.addAttribute(
                "page", directory.merchants(new MerchantFilter(wanted, q), PageRequest.of(cursor, direction, null)));
        model.addAttribute("canCreate", me.may(Action.MERCHANT_MANAGE));
        model.addAttribute("filtered", wanted != null || (q != null && !q.isBlank()));
        return "console/merchants/list";
    }

    @PostMapping("/console/merchants")
    String create(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String name,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        operatorsOnly(me);
        try {
            Merchant merchant = onboarding.createMerchant(name);
            redirect.addFlashAttribute("notice", "merchants.created");
            return "redirect:/console/merchants/" + merchant.id();
        } catch (ApiException refused) {
            model.addAttribute("errors", FormRefusal.of(refused, "name").asErrors());
            model.addAttribute("newName", name == null ? "" : name);
            model.addAttribute("path", "/console/merchants");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return merchants(me, null, null, null, null, model);
        }
    }

    @GetMapping("/console/merchants/{merchantId}")
    String merchant(@AuthenticationPrincipal SignedInUser me, @PathVariable String merchantId, Model model) {
        operatorsOnly(me);
        Merchant merchant = merchantOrNotFound(merchantId);
        model.addAttribute("merchant", merchant);
        model.addAttribute("selfService", onboarding.channelSelfService(merchantId));
        model.addAttribute(
                "apps",
                MerchantId.parse(merchantId)
                        .map(scope -> directory
                                .apps(new AppFilter(scope, null, null, null), PageRequest.first(APPS_SHOWN))
                                .rows())
                        .orElse(java.util.List.of()));
        model.addAttribute("signTypes", java.util.List.of(SignType.HMAC_SHA256, SignType.RSA2));
        model.addAttribute("canManage", me.may(Action.MERCHANT_MANAGE));
        model.addAttribute("canCreateApp", me.may(Action.APP_MANAGE));
        model.addAttribute("selfServiceAllowed", me.may(Action.MERCHANT_MANAGE));
        if (!model.containsAttribute("newApp")) {
            model.addAttribute("newApp", Map.of());
        }
        return "console/merchants/detail";
    }

    @PostMapping("/console/merchants/{merchantId}/suspend")
    String suspend(
            @AuthenticationPrincipal SignedInUser me, @PathVariable String merchantId, RedirectAttributes redirect) {
        return changeStatus(me, merchantId, Status.SUSPENDED, "merchants.suspended", redirect);
    }

    @PostMapping("/console/merchants/{merchantId}/activate")
    String activate(
            @AuthenticationPrincipal SignedInUser me, @PathVariable String merchantId, RedirectAttributes redirect) {
        return changeStatus(me, merchantId, Status.ACTIVE, "merchants.activated", redirect);
    }

    @PostMapping("/console/merchants/{merchantId}/channel-self-service")
    String channelSelfService(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String merchantId,
            @RequestParam(required = false) @Nullable String allowed,
            RedirectAttributes redirect) {
        operatorsOnly(me);
        merchantOrNotFound(merchantId);
        boolean allow = "true".equals(allowed);
        onboarding.changeChannelSelfService(merchantId, allow);
        redirect.addFlashAttribute("notice", allow ? "merchants.selfService.on" : "merchants.selfService.off");
        return "redirect:/console/merchants/" + merchantId;
    }

    @PostMapping("/console/merchants/{merchantId}/apps")
    String createApp(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String merchantId,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(name = "sign_type", required = false) @Nullable String signType,
            @RequestParam(name = "notify_url", required = false) @Nullable String notifyUrl,
            @RequestParam(name = "merchant_public_key", required = false) @Nullable String merchantPublicKey,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        operatorsOnly(me);
        merchantOrNotFound(merchantId);
        SignType type = signTypeOf(signType);
        try {
            Onboarding.AppCreated created = onboarding.createApp(
                    merchantId, name, notifyUrl, type, type == SignType.RSA2 ? merchantPublicKey : null);
            if (created.hmacSecret() != null) {
                model.addAttribute("app", created.app());
                model.addAttribute("secret", created.hmacSecret());
                model.addAttribute("created", true);
                model.addAttribute("path", "/console/apps/" + created.app().id());
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                return "console/apps/secret";
            }
            redirect.addFlashAttribute("notice", "apps.created");
            return "redirect:/console/apps/" + created.app().id();
        } catch (ApiException refused) {
            Map<String, String> entered = new LinkedHashMap<>();
            entered.put("name", name == null ? "" : name);
            entered.put("sign_type", type == null ? "" : type.name());
            entered.put("notify_url", notifyUrl == null ? "" : notifyUrl);
            entered.put("merchant_public_key", merchantPublicKey == null ? "" : merchantPublicKey);
            model.addAttribute("newApp", entered);
            model.addAttribute("errors", FormRefusal.of(refused, "name").asErrors());
            model.addAttribute("path", "/console/merchants/" + merchantId);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return merchant(me, merchantId, model);
        }
    }

    private String changeStatus(
            SignedInUser me, String merchantId, Status to, String notice, RedirectAttributes redirect) {
        operatorsOnly(me);
        merchantOrNotFound(merchantId);
        try {
            onboarding.changeMerchantStatus(merchantId, to);
            redirect.addFlashAttribute("notice", notice);
        } catch (ApiException concurrent) {
            redirect.addFlashAttribute("notice", "merchants.changedMeanwhile");
        }
        return "redirect:/console/merchants/" + merchantId;
    }

    private Merchant merchantOrNotFound(String merchantId) {
        try {
            return onboarding.merchant(merchantId);
        } catch (ApiException absent) {
            throw new NotFound();
        }
    }

    /** A merchant's staff have their own apps page; the merchants are the operator's. */
    private static void operatorsOnly(SignedInUser me) {
        if (!me.isOperator()) {
            throw new NotFound();
        }
    }

    static @Nullable Status statusOf(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static @Nullable SignType signTypeOf(@Nullable String signType) {
        if (signType == null || signType.isBlank()) {
            return null;
        }
        try {
            return SignType.valueOf(signType.strip());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
