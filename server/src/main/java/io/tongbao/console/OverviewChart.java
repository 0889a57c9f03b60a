package io.tongbao.console;

import io.tongbao.payment.PaymentStatistics.DailyPaid;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The overview's chart as an ECharts option (JSON, written by Jackson from maps so that ECharts' camelCase keys
 * stay as they are): paid amount per day as bars, in yuan, with the number of paid payments as a line; labels in
 * the user's language. console.js draws it from the container's {@code data-chart} attribute.
 */
@Component
class OverviewChart {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final ObjectMapper json;
    private final MessageSource messages;

    OverviewChart(ObjectMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    String option(List<DailyPaid> days, Locale locale) {
        String amount = messages.getMessage("overview.chart.amount", null, locale);
        String count = messages.getMessage("overview.chart.count", null, locale);
        List<String> labels = days.stream().map(day -> DAY.format(day.day())).toList();
        List<BigDecimal> yuan = days.stream()
                .map(day -> BigDecimal.valueOf(day.amount().minor(), 2))
                .toList();
        List<Long> paid = days.stream().map(DailyPaid::paid).toList();
        // no animation: the chart is read, and screenshotted, as soon as it is drawn
        Map<String, Object> option = Map.of(
                "animation", false,
                "tooltip", Map.of("trigger", "axis"),
                "legend", Map.of("data", List.of(amount, count), "top", 0),
                "grid", Map.of("left", 60, "right", 50, "top", 36, "bottom", 30),
                "xAxis", Map.of("type", "category", "data", labels),
                "yAxis",
                        List.of(
                                Map.of("type", "value", "axisLabel", Map.of("formatter", "¥{value}")),
                                Map.of("type", "value", "minInterval", 1, "splitLine", Map.of("show", false))),
                "series",
                        List.of(
                                Map.of(
                                        "name",
                                        amount,
                                        "type",
                                        "bar",
                                        "data",
                                        yuan,
                                        "itemStyle",
                                        Map.of("color", "#198754")),
                                Map.of(
                                        "name",
                                        count,
                                        "type",
                                        "line",
                                        "yAxisIndex",
                                        1,
                                        "data",
                                        paid,
                                        "itemStyle",
                                        Map.of("color", "#0d6efd"))));
        return json.writeValueAsString(option);
    }
}
