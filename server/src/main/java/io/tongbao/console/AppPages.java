package io.tongbao.console;

import io.tongbao.merchant.FeeRates;
import io.tongbao.merchant.MerchantDirectory;
import io.tongbao.merchant.MerchantDirectory.AppFilter;
import io.tongbao.merchant.Onboarding;
import io.tongbao.merchant.Status;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.web.ApiException;
import io.tongbao.webhook.WebhookSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * The apps: a merchant's own list, and an app's page with its status, notify URL, webhook settings and fee rates.
 * Keys and channel accounts are {@link AppKeyPages}. Every read and change first finds the app in the user's scope.
 */
@Controller
class AppPages {

    private final MerchantDirectory directory;
    private final AppPageModel page;
    private final Onboarding onboarding;
    private final WebhookSettings webhooks;
    private final FeeRates feeRates;

    AppPages(
            MerchantDirectory directory,
            AppPageModel page,
            Onboarding onboarding,
            WebhookSettings webhooks,
            FeeRates feeRates) {
        this.directory = directory;
        this.page = page;
        this.onboarding = onboarding;
        this.webhooks = webhooks;
        this.feeRates = feeRates;
    }

    @GetMapping("/console/apps")
    String apps(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String direction,
            Model model) {
        Status wanted = MerchantPages.statusOf(status);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("statuses", Status.values());
        model.addAttribute("filtered", wanted != null || (q != null && !q.isBlank()));
        model.addAttribute(
                "page",
                directory.apps(
                        new AppFilter(AppPageModel.scopeOf(me), wanted, null, q),
                        PageRequest.of(cursor, direction, null)));
        return "console/apps/list";
    }

    @GetMapping("/console/apps/{appId}")
    String app(@AuthenticationPrincipal SignedInUser me, @PathVariable String appId, Model model) {
        return page.fill(me, appId, model);
    }

    @PostMapping("/console/apps/{appId}/suspend")
    String suspend(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return changeStatus(me, appId, Status.SUSPENDED, "apps.suspended", response, redirect);
    }

    @PostMapping("/console/apps/{appId}/activate")
    String activate(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return changeStatus(me, appId, Status.ACTIVE, "apps.activated", response, redirect);
    }

    @PostMapping("/console/apps/{appId}/notify-url")
    String notifyUrl(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            @RequestParam(name = "notify_url", required = false) @Nullable String notifyUrl,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        page.app(me, appId);
        try {
            onboarding.changeNotifyUrl(appId, notifyUrl);
        } catch (ApiException refused) {
            return page.refused(
                    me, appId, refused, "notify_url", Map.of("notify_url", text(notifyUrl)), model, response);
        }
        return saved(appId, "apps.notifyUrl.saved", redirect);
    }

    @PostMapping("/console/apps/{appId}/webhook-event-types")
    String eventTypes(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            @RequestParam(name = "event_types", required = false) @Nullable List<String> eventTypes,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        page.app(me, appId);
        try {
            webhooks.setEventTypes(appId, eventTypes == null ? List.of() : eventTypes);
        } catch (ApiException refused) {
            return page.refused(me, appId, refused, "event_types", Map.of(), model, response);
        }
        return saved(appId, "apps.webhooks.saved", redirect);
    }

    @PostMapping("/console/apps/{appId}/webhook-schedule")
    String schedule(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            @RequestParam(name = "retry_schedule", required = false) @Nullable String schedule,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        page.app(me, appId);
        List<String> waits = Arrays.stream(text(schedule).split("[,，\\s]+"))
                .filter(wait -> !wait.isBlank())
                .toList();
        try {
            webhooks.setSchedule(appId, waits);
        } catch (ApiException refused) {
            return page.refused(
                    me, appId, refused, "retry_schedule", Map.of("retry_schedule", text(schedule)), model, response);
        }
        return saved(appId, "apps.webhooks.saved", redirect);
    }

    @PostMapping("/console/apps/{appId}/fee-rates")
    String feeRates(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String appId,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        page.app(me, appId);
        Map<String, String> entered = new java.util.LinkedHashMap<>();
        try {
            Map<PayWay, Integer> rates = new EnumMap<>(PayWay.class);
            for (PayWay way : PayWay.values()) {
                String typed = request.getParameter("rate_" + way.name());
                entered.put(way.name(), text(typed));
                AppPageModel.ppm(way, typed).ifPresent(ppm -> rates.put(way, ppm));
            }
            if (rates.isEmpty()) {
                throw ApiException.invalid("rates", "give at least one pay way's rate");
            }
            feeRates.set(appId, rates);
        } catch (ApiException refused) {
            model.addAttribute("enteredRates", entered);
            return page.refused(me, appId, refused, "rates", Map.of(), model, response);
        }
        return saved(appId, "apps.feeRates.saved", redirect);
    }

    private String changeStatus(
            SignedInUser me,
            String appId,
            Status to,
            String notice,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        page.app(me, appId);
        if (!me.isOperator()) {
            // suspending an app is the platform's decision, not its merchant's
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return "console/denied";
        }
        try {
            onboarding.changeAppStatus(appId, to);
            redirect.addFlashAttribute("notice", notice);
        } catch (ApiException concurrent) {
            redirect.addFlashAttribute("notice", "merchants.changedMeanwhile");
        }
        return "redirect:/console/apps/" + appId;
    }

    private static String saved(String appId, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/console/apps/" + appId;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
