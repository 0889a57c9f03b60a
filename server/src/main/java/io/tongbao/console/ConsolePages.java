package io.tongbao.console;

import io.tongbao.payment.PaymentStatistics;
import io.tongbao.platform.Action;
import io.tongbao.platform.Permissions;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.webhook.WebhookQueries;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The pages around the work: the login, the overview, the page that says a user may not do something. */
@Controller
class ConsolePages {

    /** How many days the overview's chart shows, today the last. */
    static final int CHART_DAYS = 14;
    /** Dead deliveries are counted up to this many; beyond, the overview says "more than". */
    static final int DEAD_COUNTED = PageRequest.MAX_LIMIT;

    private final PaymentStatistics statistics;
    private final WebhookQueries webhooks;
    private final OverviewChart chart;

    ConsolePages(PaymentStatistics statistics, WebhookQueries webhooks, OverviewChart chart) {
        this.statistics = statistics;
        this.webhooks = webhooks;
        this.chart = chart;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console/";
    }

    @GetMapping("/console/login")
    String login(
            @AuthenticationPrincipal @Nullable SignedInUser user,
            @RequestParam(required = false) @Nullable String error,
            Model model) {
        if (user != null) {
            return "redirect:/console/";
        }
        model.addAttribute("error", LoginError.of(error));
        return "console/login";
    }

    /** The user's scope at a glance: today's and the week's payments, refunds, what needs attention, a chart. */
    @GetMapping({"/console", "/console/"})
    String overview(@AuthenticationPrincipal SignedInUser me, Locale locale, Model model) {
        String scope = me.merchantScope();
        ZoneId zone = me.zoneId();
        model.addAttribute("figures", statistics.figures(scope, zone));
        Optional<MerchantId> merchant = MerchantId.parse(scope);
        if (me.may(Action.WEBHOOK_VIEW) && (scope == null || merchant.isPresent())) {
            Page<WebhookQueries.DeliveryRow> dead = webhooks.deliveries(
                    new WebhookQueries.DeliveryFilter(
                            merchant.orElse(null), null, WebhookQueries.DeliveryStatus.DEAD, null, null, null, null),
                    PageRequest.first(DEAD_COUNTED));
            model.addAttribute("deadDeliveries", dead.rows().size());
            model.addAttribute("deadDeliveriesMore", dead.next() != null);
        }
        model.addAttribute("chart", chart.option(statistics.paidPerDay(scope, zone, CHART_DAYS), locale));
        model.addAttribute("chartDays", CHART_DAYS);
        return "console/overview";
    }

    /**
     * Where Spring Security forwards a refused request, whatever its method: 403 for a page the user's role may not
     * open, 404 for an address that is no console page at all.
     */
    @RequestMapping("/console/denied")
    String denied(HttpServletRequest request, HttpServletResponse response) {
        Object refusedPath = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        boolean isPage = !(refusedPath instanceof String path)
                || Permissions.actionOf(
                                request.getMethod(),
                                path.substring(request.getContextPath().length()))
                        .isPresent();
        response.setStatus(isPage ? HttpStatus.FORBIDDEN.value() : HttpStatus.NOT_FOUND.value());
        return isPage ? "console/denied" : "console/not-found";
    }

    /** The message key of a refused login, from the code the security chain put in the URL; nothing else. */
    enum LoginError {
        BAD,
        LOCKED,
        THROTTLED,
        BUSY;

        static @Nullable String of(@Nullable String code) {
            if (code == null) {
                return null;
            }
            for (LoginError error : values()) {
                if (error.name().equalsIgnoreCase(code)) {
                    return "login.error." + error.name().toLowerCase(Locale.ROOT);
                }
            }
            return "login.error.bad";
        }
    }
}
