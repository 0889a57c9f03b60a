package io.tongbao.console;

import io.tongbao.platform.Action;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.webhook.WebhookQueries;
import io.tongbao.webhook.WebhookQueries.DeliveryFilter;
import io.tongbao.webhook.WebhookQueries.DeliveryRow;
import io.tongbao.webhook.WebhookQueries.DeliveryStatus;
import io.tongbao.webhook.WebhookResends;
import jakarta.servlet.http.HttpServletRequest;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** Webhook deliveries: the list with its filters, one delivery with its attempts and body, resending. */
@Controller
class WebhookPages {

    private static final String LIST = "/console/webhooks";

    private final WebhookQueries queries;
    private final WebhookResends resends;
    private final ObjectMapper json;

    WebhookPages(WebhookQueries queries, WebhookResends resends, ObjectMapper json) {
        this.queries = queries;
        this.resends = resends;
        this.json = json;
    }

    /** The filters as typed, to fill the form again. */
    record Filters(
            @Nullable String app,
            @Nullable String status,
            @Nullable String type,
            @Nullable String object,
            @Nullable String from,
            @Nullable String to) {}

    @GetMapping(LIST)
    String list(
            @AuthenticationPrincipal SignedInUser me,
            Filters typed,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request,
            Model model) {
        MerchantId scope = ViewerScope.merchantOf(me);
        FilterValues values = new FilterValues(me.zoneId());
        DeliveryFilter filter = new DeliveryFilter(
                scope,
                values.text("app", typed.app()),
                values.choice("status", typed.status(), DeliveryStatus.class),
                values.text("type", typed.type()),
                values.text("object", typed.object()),
                values.dayStart("from", typed.from()),
                values.dayEnd("to", typed.to()));
        Page<DeliveryRow> page = queries.deliveries(filter, PageRequest.of(cursor, dir, PageRequest.DEFAULT_LIMIT));
        model.addAttribute("filters", typed);
        model.addAttribute("invalid", values.invalid());
        model.addAttribute(
                "filtered",
                filter.appId() != null
                        || filter.status() != null
                        || filter.eventType() != null
                        || filter.objectId() != null
                        || filter.from() != null
                        || filter.to() != null);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("page", page);
        model.addAttribute("nextUrl", PageLinks.at(request, page.next(), "next"));
        model.addAttribute("previousUrl", PageLinks.at(request, page.previous(), "previous"));
        model.addAttribute("mayResend", me.may(Action.WEBHOOK_RESEND));
        model.addAttribute("back", request.getQueryString() == null ? LIST : LIST + "?" + request.getQueryString());
        return "console/webhooks/deliveries";
    }

    @GetMapping(LIST + "/{deliveryId}")
    String delivery(@AuthenticationPrincipal SignedInUser me, @PathVariable String deliveryId, Model model) {
        if (deliveryId.length() > 64 || deliveryId.chars().anyMatch(Character::isISOControl)) {
            throw new NotFound();
        }
        WebhookQueries.DeliveryDetail detail =
                queries.delivery(ViewerScope.merchantOf(me), deliveryId).orElseThrow(NotFound::new);
        model.addAttribute("detail", detail);
        model.addAttribute("delivery", detail.delivery());
        model.addAttribute("body", pretty(detail.eventBody()));
        model.addAttribute("mayResend", me.may(Action.WEBHOOK_RESEND));
        return "console/webhooks/delivery";
    }

    @PostMapping(LIST + "/resend")
    String resend(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(name = "ids", required = false) @Nullable List<String> ids,
            @RequestParam(required = false) @Nullable String back,
            RedirectAttributes redirect) {
        List<String> selected = ids == null
                ? List.of()
                : ids.stream()
                        .filter(id -> !id.isBlank() && id.length() <= 64)
                        .filter(id -> id.chars().noneMatch(Character::isISOControl))
                        .distinct()
                        .toList();
        if (selected.isEmpty()) {
            redirect.addFlashAttribute("notice", "webhooks.resend.noneSelected");
        } else if (selected.size() > WebhookResends.MAX_DELIVERIES) {
            redirect.addFlashAttribute("notice", "webhooks.resend.tooMany");
        } else {
            int resent = resends.resend(ViewerScope.merchantOf(me), selected);
            redirect.addFlashAttribute("notice", resent == 0 ? "webhooks.resend.nothing" : "webhooks.resend.done");
            redirect.addFlashAttribute("resent", resent);
            redirect.addFlashAttribute("selected", selected.size());
        }
        return "redirect:" + safeBack(back);
    }

    /** Back to the list or delivery the form was on; nowhere else. */
    private static String safeBack(@Nullable String back) {
        if (back == null
                || !back.startsWith(LIST)
                || back.contains("//")
                || back.contains("\\")
                || back.contains("{")
                || back.contains("}")
                || back.chars().anyMatch(Character::isISOControl)) {
            return LIST;
        }
        return back;
    }

    /** The body as sent, indented for reading; as stored when it is not JSON. */
    private String pretty(String body) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(body));
        } catch (JacksonException notJson) {
            return body;
        }
    }
}
