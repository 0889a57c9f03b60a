package io.tongbao.console;

import io.tongbao.payment.OperatorRefunds;
import io.tongbao.payment.PaymentQueries;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.RefundFilter;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
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
 * Refunds: the list (scoped to the user's merchant) and, for operators, the refunds at or above the approval
 * threshold that wait for a second operator: approved or rejected by someone else than who asked.
 */
@Controller
class RefundPages {

    private static final String APPROVALS = "redirect:/console/refunds/approvals";

    private final PaymentQueries queries;
    private final OperatorRefunds operatorRefunds;

    RefundPages(PaymentQueries queries, OperatorRefunds operatorRefunds) {
        this.queries = queries;
        this.operatorRefunds = operatorRefunds;
    }

    @GetMapping("/console/refunds")
    String list(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(name = "payment", required = false) @Nullable String paymentId,
            @RequestParam(name = "out_refund_no", required = false) @Nullable String outRefundNo,
            @RequestParam(required = false) @Nullable String merchant,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        FilterInput input = new FilterInput(me.zoneId());
        RefundFilter filter = new RefundFilter(
                scope(me, merchant),
                app,
                paymentId,
                outRefundNo,
                input.choice("status", status, RefundStatus.class),
                input.dayStart("from", from),
                input.dayEnd("to", to));
        boolean filtered = filter.appId() != null
                || filter.paymentId() != null
                || filter.outRefundNo() != null
                || filter.status() != null
                || filter.createdFrom() != null
                || filter.createdTo() != null
                || (me.isOperator() && filter.merchantId() != null);
        if (input.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        Page<?> page = input.hasErrors()
                ? new Page<>(List.of(), null, null)
                : queries.refunds(filter, PageRequest.of(cursor, dir, null));
        model.addAttribute("page", page);
        model.addAttribute("links", PageLinks.of(page, request));
        model.addAttribute("errors", input.errors());
        model.addAttribute("filtered", filtered || input.hasErrors());
        model.addAttribute("statuses", RefundStatus.values());
        return "console/payments/refunds";
    }

    @GetMapping("/console/refunds/approvals")
    String approvals(@AuthenticationPrincipal SignedInUser me, Model model) {
        requireOperator(me);
        model.addAttribute("pending", operatorRefunds.pending());
        model.addAttribute("threshold", operatorRefunds.approvalThreshold());
        return "console/payments/approvals";
    }

    @PostMapping("/console/refunds/approvals/{requestId}/approve")
    String approve(
            @AuthenticationPrincipal SignedInUser me, @PathVariable String requestId, RedirectAttributes redirect) {
        requireOperator(me);
        tell(redirect, operatorRefunds.approve(requestId, me.username()));
        return APPROVALS;
    }

    @PostMapping("/console/refunds/approvals/{requestId}/reject")
    String reject(
            @AuthenticationPrincipal SignedInUser me, @PathVariable String requestId, RedirectAttributes redirect) {
        requireOperator(me);
        tell(redirect, operatorRefunds.reject(requestId, me.username()));
        return APPROVALS;
    }

    private static void tell(RedirectAttributes redirect, OperatorRefunds.Result result) {
        switch (result.outcome()) {
            case REFUNDED -> redirect.addFlashAttribute("notice", "notice.approval.refunded");
            case REJECTED -> redirect.addFlashAttribute("notice", "notice.approval.rejected");
            case SAME_OPERATOR -> redirect.addFlashAttribute("approvalError", "error.approval.sameOperator");
            case ALREADY_DECIDED -> redirect.addFlashAttribute("approvalError", "error.approval.alreadyDecided");
            case NOT_FOUND -> redirect.addFlashAttribute("approvalError", "error.approval.notFound");
            default -> {
                redirect.addFlashAttribute("approvalError", "error.approval.refused");
                redirect.addFlashAttribute("approvalCode", String.valueOf(result.code()));
            }
        }
    }

    /** Approvals are between operators: no merchant role holds the action, and none sees another's requests. */
    private static void requireOperator(SignedInUser me) {
        if (!me.isOperator()) {
            throw new NotFound();
        }
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
