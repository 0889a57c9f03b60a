package io.tongbao.console;

import io.tongbao.payment.OperatorRefunds;
import io.tongbao.payment.PaymentDetail;
import io.tongbao.payment.PaymentFilter;
import io.tongbao.payment.PaymentQueries;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.Refunds;
import io.tongbao.platform.Action;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.web.ApiException;
import io.tongbao.webhook.WebhookQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Payments: the searchable list, one payment with everything that happened to it, and the refund form on it. A
 * merchant user's every read is limited to its merchant; another merchant's payment is not found.
 */
@Controller
class PaymentPages {

    /** The refund path's refusals that have their own message; any other shows the general one with its code. */
    static final Set<String> REFUND_REFUSALS = Set.of(
            "REFUND_EXCEEDS_PAID",
            "PAYMENT_NOT_PAID",
            "PAYMENT_NOT_REFUNDABLE",
            "REFUND_WINDOW_CLOSED",
            "TOO_MANY_REFUNDS",
            "INVALID_AMOUNT");

    private final PaymentQueries queries;
    private final OperatorRefunds operatorRefunds;
    /** What {@code Ids.randomToken} makes; anything else sent as a key is ignored (a new refund number). */
    private static final java.util.regex.Pattern REFUND_KEY = java.util.regex.Pattern.compile("[a-z0-9]{24}");

    private final Refunds refunds;
    private final WebhookQueries webhooks;

    PaymentPages(PaymentQueries queries, OperatorRefunds operatorRefunds, Refunds refunds, WebhookQueries webhooks) {
        this.queries = queries;
        this.operatorRefunds = operatorRefunds;
        this.refunds = refunds;
        this.webhooks = webhooks;
    }

    @GetMapping("/console/payments")
    String list(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String id,
            @RequestParam(name = "out_trade_no", required = false) @Nullable String outTradeNo,
            @RequestParam(name = "channel_trade_no", required = false) @Nullable String channelTradeNo,
            @RequestParam(required = false) @Nullable String merchant,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(name = "pay_way", required = false) @Nullable String payWay,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(name = "amount_min", required = false) @Nullable String amountMin,
            @RequestParam(name = "amount_max", required = false) @Nullable String amountMax,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        FilterInput input = new FilterInput(me.zoneId());
        PaymentFilter filter = new PaymentFilter(
                scope(me, merchant),
                app,
                id,
                outTradeNo,
                channelTradeNo,
                input.choice("pay_way", payWay, PayWay.class),
                input.choice("status", status, PaymentStatus.class),
                input.dayStart("from", from),
                input.dayEnd("to", to),
                input.yuan("amount_min", amountMin),
                input.yuan("amount_max", amountMax));
        boolean filtered = filter.appId() != null
                || filter.paymentId() != null
                || filter.outTradeNo() != null
                || filter.channelTradeNo() != null
                || filter.payWay() != null
                || filter.status() != null
                || filter.createdFrom() != null
                || filter.createdTo() != null
                || filter.amountMin() != null
                || filter.amountMax() != null
                || (me.isOperator() && filter.merchantId() != null);
        Page<?> page = input.hasErrors()
                ? new Page<>(List.of(), null, null)
                : queries.payments(filter, PageRequest.of(cursor, dir, null));
        if (input.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("page", page);
        model.addAttribute("links", PageLinks.of(page, request));
        model.addAttribute("errors", input.errors());
        model.addAttribute("filtered", filtered || input.hasErrors());
        model.addAttribute("payWays", PayWay.values());
        model.addAttribute("mayPayTest", !me.isOperator() && me.may(Action.PAY_TEST));
        model.addAttribute("statuses", PaymentStatus.values());
        return "console/payments/list";
    }

    @GetMapping("/console/payments/{paymentId}")
    String detail(@AuthenticationPrincipal SignedInUser me, @PathVariable String paymentId, Model model) {
        PaymentDetail detail = queries.payment(me.merchantScope(), paymentId).orElseThrow(NotFound::new);
        String scope = me.merchantScope();
        List<WebhookQueries.DeliveryRow> deliveries =
                webhooks.deliveriesForPayment(scope == null ? null : MerchantId.of(scope), paymentId);
        model.addAttribute("detail", detail);
        // the refund form's key: the same form sent twice is one refund
        model.addAttribute("refundKey", Ids.randomToken(24));
        model.addAttribute("p", detail.payment());
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("timeline", PaymentTimeline.of(detail, deliveries));
        model.addAttribute("threshold", operatorRefunds.approvalThreshold());
        model.addAttribute(
                "mayRefund",
                me.may(Action.REFUND_CREATE)
                        && detail.refundable()
                        && detail.payment().status() == PaymentStatus.PAID
                        && !detail.refundableAmount().isZero());
        return "console/payments/detail";
    }

    @PostMapping("/console/payments/{paymentId}/refunds")
    String refund(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String paymentId,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(name = "refund_key", required = false) @Nullable String refundKey,
            RedirectAttributes redirect) {
        String key = refundKey != null && REFUND_KEY.matcher(refundKey).matches() ? refundKey : null;
        PaymentDetail detail = queries.payment(me.merchantScope(), paymentId).orElseThrow(NotFound::new);
        String back = "redirect:/console/payments/" + detail.payment().id();
        redirect.addFlashAttribute("refundAmount", amount == null ? "" : amount);
        redirect.addFlashAttribute("refundReason", reason == null ? "" : reason);
        Optional<Money> money = FilterInput.parseYuan(amount).filter(typed -> !typed.isZero());
        if (money.isEmpty()) {
            redirect.addFlashAttribute("refundAmountError", "error.amount.invalid");
            return back;
        }
        if (reason == null || reason.isBlank()) {
            redirect.addFlashAttribute("refundReasonError", "error.refund.reason.required");
            return back;
        }
        if (me.isOperator()) {
            OperatorRefunds.Result result =
                    operatorRefunds.request(detail.payment().id(), money.get(), reason, me.username(), key);
            switch (result.outcome()) {
                case REFUNDED -> redirect.addFlashAttribute("notice", "notice.refund.created");
                case AWAITING_APPROVAL -> redirect.addFlashAttribute("notice", "notice.refund.awaitingApproval");
                case NOT_FOUND -> throw new NotFound();
                default -> refused(redirect, String.valueOf(result.code()));
            }
        } else {
            try {
                refunds.refundFromConsole(
                        String.valueOf(me.merchantScope()), detail.payment().id(), money.get(), reason, key);
                redirect.addFlashAttribute("notice", "notice.refund.created");
            } catch (ApiException refusedByTheRefundPath) {
                if (refusedByTheRefundPath.code().equals("NOT_FOUND")) {
                    throw new NotFound();
                }
                refused(redirect, refusedByTheRefundPath.code());
            }
        }
        return back;
    }

    private static void refused(RedirectAttributes redirect, String code) {
        redirect.addFlashAttribute(
                "refundAmountError", REFUND_REFUSALS.contains(code) ? "error.refund." + code : "error.refund.refused");
        redirect.addFlashAttribute("refundCode", code);
    }

    /**
     * A merchant user's own merchant, whatever the address says; an operator's merchant filter, none when left blank
     * (the filter bar sends its empty fields; a blank scope would match nothing).
     */
    private static @Nullable String scope(SignedInUser me, @Nullable String merchant) {
        if (!me.isOperator()) {
            return me.merchantScope();
        }
        return merchant == null || merchant.isBlank() ? null : merchant;
    }
}
