package io.tongbao.console;

import io.tongbao.payment.ExceptionFilter;
import io.tongbao.payment.PaymentExceptions;
import io.tongbao.payment.PaymentQueries;
import io.tongbao.platform.Action;
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
 * Payment exceptions: money that did not go as expected and refused channel notifications, newest seen first; each
 * resolved once, accepted with a note or (money held for the operator) refunded to the buyer.
 */
@Controller
class ExceptionPages {

    /** The kinds the payment module records (docs/payments.md). */
    static final List<String> KINDS = List.of(
            "SURPLUS_PAYMENT",
            "PAID_AFTER_CLOSE",
            "AMOUNT_MISMATCH",
            "UNKNOWN_TRADE",
            "UNKNOWN_REFUND",
            "MALFORMED",
            "TOO_LARGE",
            "INVALID_SIGNATURE",
            "STALE_TIMESTAMP",
            "ACCOUNT_MISMATCH",
            "UNDECRYPTABLE");

    private static final String LIST = "redirect:/console/exceptions";

    private final PaymentQueries queries;
    private final PaymentExceptions exceptions;

    ExceptionPages(PaymentQueries queries, PaymentExceptions exceptions) {
        this.queries = queries;
        this.exceptions = exceptions;
    }

    @GetMapping("/console/exceptions")
    String list(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String resolved,
            @RequestParam(required = false) @Nullable String merchant,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        FilterInput input = new FilterInput(me.zoneId());
        if (kind != null && !kind.isBlank() && !KINDS.contains(kind.strip())) {
            input.errors().put("kind", "error.choice.invalid");
        }
        ExceptionFilter.Resolved which = input.choice("resolved", resolved, ExceptionFilter.Resolved.class);
        ExceptionFilter filter = new ExceptionFilter(
                scope(me, merchant),
                app,
                kind,
                which == null ? ExceptionFilter.Resolved.ALL : which,
                input.dayStart("from", from),
                input.dayEnd("to", to));
        boolean filtered = filter.appId() != null
                || filter.kind() != null
                || which != null
                || filter.seenFrom() != null
                || filter.seenTo() != null
                || (me.isOperator() && filter.merchantId() != null);
        if (input.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        Page<?> page = input.hasErrors()
                ? new Page<>(List.of(), null, null)
                : queries.exceptions(filter, PageRequest.of(cursor, dir, null));
        model.addAttribute("page", page);
        model.addAttribute("links", PageLinks.of(page, request));
        model.addAttribute("errors", input.errors());
        model.addAttribute("filtered", filtered || input.hasErrors());
        model.addAttribute("kinds", KINDS);
        model.addAttribute("mayResolve", me.may(Action.EXCEPTION_RESOLVE));
        model.addAttribute("resolvedChoices", ExceptionFilter.Resolved.values());
        return "console/payments/exceptions";
    }

    @PostMapping("/console/exceptions/{exceptionId}/accept")
    String accept(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String exceptionId,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect) {
        if (note == null || note.isBlank()) {
            redirect.addFlashAttribute("exceptionError", "error.exception.note.required");
            redirect.addFlashAttribute("exceptionId", exceptionId);
            return LIST;
        }
        tell(redirect, exceptionId, exceptions.accept(me.merchantScope(), exceptionId, note, me.username()));
        return LIST;
    }

    @PostMapping("/console/exceptions/{exceptionId}/refund")
    String refund(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String exceptionId,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect) {
        String why = note == null || note.isBlank() ? "refunded from the console" : note;
        tell(redirect, exceptionId, exceptions.refund(me.merchantScope(), exceptionId, why, me.username()));
        return LIST;
    }

    private static void tell(RedirectAttributes redirect, String exceptionId, PaymentExceptions.Resolution result) {
        switch (result) {
            case RESOLVED -> redirect.addFlashAttribute("notice", "notice.exception.RESOLVED");
            case REFUNDING -> redirect.addFlashAttribute("notice", "notice.exception.REFUNDING");
            default -> {
                redirect.addFlashAttribute("exceptionError", "error.exception." + result.name());
                redirect.addFlashAttribute("exceptionId", exceptionId);
            }
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
