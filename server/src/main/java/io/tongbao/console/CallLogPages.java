package io.tongbao.console;

import io.tongbao.gateway.ApiCallQueries;
import io.tongbao.gateway.ApiCallQueries.AppErrorRate;
import io.tongbao.gateway.ApiCallQueries.Call;
import io.tongbao.gateway.ApiCallQueries.CallFilter;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The merchant-API call log: the calls with their filters, and each app's error rate and latency. */
@Controller
class CallLogPages {

    /** The error-rate panel's window when the filters give no start. */
    private static final Duration RECENT = Duration.ofHours(24);

    private final ApiCallQueries queries;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final Clock clock;

    CallLogPages(ApiCallQueries queries, ObjectMapper json, MessageSource messages, Clock clock) {
        this.queries = queries;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /** The filters as typed, to fill the form again. {@code series}: 2xx, 4xx, 5xx. */
    record Filters(
            @Nullable String app,
            @Nullable String path,
            @Nullable String status,
            @Nullable String series,
            @Nullable String latency,
            @Nullable String from,
            @Nullable String to) {}

    enum Series {
        S2XX(HttpStatus.Series.SUCCESSFUL),
        S3XX(HttpStatus.Series.REDIRECTION),
        S4XX(HttpStatus.Series.CLIENT_ERROR),
        S5XX(HttpStatus.Series.SERVER_ERROR);

        final HttpStatus.Series series;

        Series(HttpStatus.Series series) {
            this.series = series;
        }

        String label() {
            return series.value() + "xx";
        }
    }

    @GetMapping("/console/calls")
    String calls(
            @AuthenticationPrincipal SignedInUser me,
            Filters typed,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request,
            Locale locale,
            Model model) {
        MerchantId scope = ViewerScope.merchantOf(me);
        FilterValues values = new FilterValues(me.zoneId());
        Series series = values.choice("series", typed.series() == null ? null : "S" + typed.series(), Series.class);
        CallFilter filter = new CallFilter(
                scope,
                values.text("app", typed.app()),
                values.text("path", typed.path()),
                values.number("status", typed.status(), 100, 599),
                series == null ? null : series.series,
                values.number("latency", typed.latency(), 0, 3_600_000),
                values.dayStart("from", typed.from()),
                values.dayEnd("to", typed.to()));
        Page<Call> page = queries.calls(filter, PageRequest.of(cursor, dir, PageRequest.DEFAULT_LIMIT));
        Instant since = filter.from() == null ? clock.instant().minus(RECENT) : filter.from();
        List<AppErrorRate> rates = queries.errorRates(scope, since);
        model.addAttribute("filters", typed);
        model.addAttribute("invalid", values.invalid());
        model.addAttribute(
                "seriesChoices",
                List.of(Series.values()).stream().map(Series::label).toList());
        model.addAttribute("page", page);
        model.addAttribute("nextUrl", PageLinks.at(request, page.next(), "next"));
        model.addAttribute("previousUrl", PageLinks.at(request, page.previous(), "previous"));
        model.addAttribute("since", since);
        model.addAttribute("rates", rates);
        model.addAttribute("chart", chart(rates, locale));
        return "console/calls/calls";
    }

    /** An ECharts option: per app, its calls stacked as succeeded, 4xx and 5xx. */
    private String chart(List<AppErrorRate> rates, Locale locale) {
        ObjectNode option = json.createObjectNode();
        // drawn at once: a page is read (and screenshot) as it is, not as it grows
        option.put("animation", false);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("legend").put("top", 0);
        option.putObject("grid")
                .put("left", 40)
                .put("right", 20)
                .put("top", 40)
                .put("bottom", 10)
                .put("containLabel", true);
        ObjectNode xAxis = option.putObject("xAxis").put("type", "category");
        xAxis.putObject("axisLabel").put("interval", 0).put("rotate", rates.size() > 4 ? 20 : 0);
        ArrayNode apps = xAxis.putArray("data");
        rates.forEach(rate -> apps.add(rate.appId() == null ? text("calls.unknownApp", locale) : rate.appId()));
        option.putObject("yAxis").put("type", "value").put("minInterval", 1);
        ArrayNode series = option.putArray("series");
        ArrayNode ok = bars(series, text("calls.chart.ok", locale), "#198754");
        ArrayNode client = bars(series, text("calls.chart.clientErrors", locale), "#ffc107");
        ArrayNode server = bars(series, text("calls.chart.serverErrors", locale), "#dc3545");
        for (AppErrorRate rate : rates) {
            ok.add(rate.calls() - rate.clientErrors() - rate.serverErrors());
            client.add(rate.clientErrors());
            server.add(rate.serverErrors());
        }
        return json.writeValueAsString(option);
    }

    private static ArrayNode bars(ArrayNode series, String name, String colour) {
        ObjectNode bars =
                series.addObject().put("name", name).put("type", "bar").put("stack", "calls");
        bars.putObject("itemStyle").put("color", colour);
        bars.put("barMaxWidth", 48);
        return bars.putArray("data");
    }

    private String text(String key, Locale locale) {
        String text = messages.getMessage(key, null, key, locale);
        return text == null ? key : text;
    }
}
