package io.tongbao.console;

import io.tongbao.merchant.MerchantDirectory;
import io.tongbao.merchant.MerchantDirectory.AppFilter;
import io.tongbao.merchant.Status;
import io.tongbao.payment.PayTests;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The pay test: a payment of one of the user's merchant's apps (any app for an operator), created as that app would
 * through the merchant API, then shown as the buyer would get it (QR code, link, parameters) with its status live.
 */
@Controller
class PayTestController {

    private static final List<PayWay> PAY_WAYS = List.of(PayWay.values());
    private static final int APPS_LISTED = PageRequest.MAX_LIMIT;

    private final PayTests payTests;
    private final MerchantDirectory directory;
    private final MessageSource messages;
    private final Clock clock;
    private final boolean sandbox;

    PayTestController(
            PayTests payTests,
            MerchantDirectory directory,
            MessageSource messages,
            Clock clock,
            @Value("${tongbao.sandbox.enabled:false}") boolean sandbox) {
        this.payTests = payTests;
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
        this.sandbox = sandbox;
    }

    @GetMapping("/console/pay-test")
    String form(@AuthenticationPrincipal SignedInUser me, Model model) {
        String subject = messages.getMessage("payTest.subject.default", null, LocaleContextHolder.getLocale());
        return form(me, PayTestForm.defaults(subject), Map.of(), null, model);
    }

    @PostMapping("/console/pay-test")
    String create(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(name = "app_id", required = false) @Nullable String appId,
            @RequestParam(name = "pay_way", required = false) @Nullable String payWay,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable String subject,
            @RequestParam(required = false) @Nullable String openid,
            @RequestParam(name = "buyer_id", required = false) @Nullable String buyerId,
            @RequestParam(name = "auth_code", required = false) @Nullable String authCode,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        PayTestForm form = new PayTestForm(appId, payWay, amount, subject, openid, buyerId, authCode);
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty() || appId == null) {
            return form(me, form, errors, null, model);
        }
        String returnUrl = ServletUriComponentsBuilder.fromContextPath(request)
                .path("/console/pay-test")
                .toUriString();
        try {
            Optional<String> created = payTests.create(
                            me.merchantScope(), appId, form.order(clock.instant(), request.getRemoteAddr(), returnUrl))
                    .map(payment -> payment.id());
            if (created.isEmpty()) {
                return form(me, form, Map.of("app_id", "payTest.error.app"), null, model);
            }
            redirect.addFlashAttribute("notice", "payTest.created");
            return "redirect:/console/pay-test/" + created.get();
        } catch (ApiException refused) {
            return form(me, form, Map.of(), refused, model);
        }
    }

    @GetMapping("/console/pay-test/{paymentId}")
    String result(@AuthenticationPrincipal SignedInUser me, @PathVariable String paymentId, Model model) {
        PayTests.PayTest test = payTests.payment(me.merchantScope(), paymentId).orElseThrow(NotFound::new);
        model.addAttribute("payment", test.payment());
        model.addAttribute("action", PayTestAction.of(test.actionType(), test.actionData(), sandbox));
        model.addAttribute("settled", isFinal(test.payment().status()));
        return "console/paytest/result";
    }

    /** The status badge, polled every 2 s by the result page until the status is final (then no more polling). */
    @GetMapping("/console/pay-test/{paymentId}/status")
    String status(@AuthenticationPrincipal SignedInUser me, @PathVariable String paymentId, Model model) {
        PayTests.PayTest test = payTests.payment(me.merchantScope(), paymentId).orElseThrow(NotFound::new);
        model.addAttribute("payment", test.payment());
        model.addAttribute("settled", isFinal(test.payment().status()));
        return "console/paytest/status :: update";
    }

    private String form(
            SignedInUser me,
            PayTestForm form,
            Map<String, String> errors,
            @Nullable ApiException refused,
            Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refused", refused == null ? null : refused.code());
        model.addAttribute("refusedMessage", refused == null ? null : refused.getMessage());
        model.addAttribute("payWays", PAY_WAYS);
        model.addAttribute("needsOpenid", PayTestForm.NEEDS_OPENID);
        model.addAttribute("needsBuyerId", PayTestForm.NEEDS_BUYER_ID);
        model.addAttribute("needsAuthCode", PayTestForm.NEEDS_AUTH_CODE);
        model.addAttribute("apps", activeApps(me));
        return "console/paytest/form";
    }

    /** The apps the user may test with: the merchant's active ones, every merchant's for an operator. */
    private List<MerchantDirectory.AppSummary> activeApps(SignedInUser me) {
        String scope = me.merchantScope();
        Optional<MerchantId> merchant = MerchantId.parse(scope);
        if (scope != null && merchant.isEmpty()) {
            return List.of();
        }
        return directory
                .apps(new AppFilter(merchant.orElse(null), Status.ACTIVE, null, null), PageRequest.first(APPS_LISTED))
                .rows();
    }

    private static boolean isFinal(PaymentStatus status) {
        return status != PaymentStatus.PENDING;
    }
}
