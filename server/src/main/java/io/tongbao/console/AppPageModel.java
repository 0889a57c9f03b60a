package io.tongbao.console;

import io.tongbao.channel.ChannelAccountSetup;
import io.tongbao.channel.ChannelAccountView;
import io.tongbao.merchant.FeeRates;
import io.tongbao.merchant.MerchantDirectory;
import io.tongbao.merchant.MerchantDirectory.AppSummary;
import io.tongbao.merchant.Onboarding;
import io.tongbao.platform.Action;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.web.ApiException;
import io.tongbao.webhook.WebhookSettings;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What an app's page shows, for operators and for the app's own merchant's staff: the app as the user's scope may
 * see it (another merchant's app is a {@link NotFound}), and each section only where the user's role may see it.
 */
@Component
class AppPageModel {

    private final MerchantDirectory directory;
    private final Onboarding onboarding;
    private final FeeRates feeRates;
    private final WebhookSettings webhooks;
    private final ChannelAccountSetup channels;

    AppPageModel(
            MerchantDirectory directory,
            Onboarding onboarding,
            FeeRates feeRates,
            WebhookSettings webhooks,
            ChannelAccountSetup channels) {
        this.directory = directory;
        this.onboarding = onboarding;
        this.feeRates = feeRates;
        this.webhooks = webhooks;
        this.channels = channels;
    }

    /** A secret of a channel account as shown: that it is set, and the fingerprint of its public half if any. */
    record KeyRow(String name, @Nullable String fingerprint) {}

    /** A channel account as the page shows it: its settings as the channel names them, its keys as set. */
    record ChannelRow(String channel, Map<String, Object> settings, List<KeyRow> keys, OffsetDateTime updatedAt) {

        private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[0-9a-f]+");

        static ChannelRow of(ChannelAccountView view) {
            List<KeyRow> keys = view.secrets().entrySet().stream()
                    .map(secret -> {
                        Matcher fingerprint = FINGERPRINT.matcher(secret.getValue());
                        return new KeyRow(secret.getKey(), fingerprint.find() ? fingerprint.group() : null);
                    })
                    .toList();
            return new ChannelRow(view.channel().name(), view.settings(), keys, view.updatedAt());
        }
    }

    /** The merchant a user's every query is limited to; null for an operator. */
    static @Nullable MerchantId scopeOf(SignedInUser me) {
        if (me.isOperator()) {
            return null;
        }
        // a merchant user whose merchant id is not one Tongbao minted sees nothing, never everything
        return MerchantId.parse(me.merchantScope()).orElseThrow(NotFound::new);
    }

    /** The app if the user may see it, else {@link NotFound}. */
    AppSummary app(SignedInUser me, String appId) {
        return directory.app(scopeOf(me), appId).orElseThrow(NotFound::new);
    }

    /** Whether the user may upload this app's channel keys: operators by role, merchant staff when allowed. */
    boolean mayUploadChannelKeys(SignedInUser me, String merchantId) {
        return me.may(Action.CHANNEL_ACCOUNT_MANAGE) && (me.isOperator() || onboarding.channelSelfService(merchantId));
    }

    /** Fills the app page's model; {@code errors} (field to message key) and {@code entered} come from a refusal. */
    String fill(SignedInUser me, String appId, Model model) {
        AppSummary summary = app(me, appId);
        String merchantId = summary.app().merchantId();
        model.addAttribute("summary", summary);
        model.addAttribute("app", summary.app());
        model.addAttribute("merchantName", merchantName(merchantId));
        model.addAttribute("operator", me.isOperator());
        Map<String, Boolean> can = new LinkedHashMap<>();
        can.put("status", me.isOperator() && me.may(Action.APP_MANAGE));
        can.put("notifyUrl", me.may(Action.APP_MANAGE));
        can.put("keys", me.may(Action.APP_KEYS));
        can.put("webhooksView", me.may(Action.WEBHOOK_VIEW));
        can.put("webhooksManage", me.may(Action.WEBHOOK_MANAGE));
        can.put("feesView", me.may(Action.FEE_RATE_VIEW));
        can.put("feesManage", me.may(Action.FEE_RATE_MANAGE));
        can.put("channelsView", me.may(Action.CHANNEL_ACCOUNT_VIEW));
        can.put("channelsManage", mayUploadChannelKeys(me, merchantId));
        model.addAttribute("can", can);
        model.addAttribute("selfService", onboarding.channelSelfService(merchantId));
        if (can.get("webhooksView")) {
            model.addAttribute("optionalEventTypes", webhooks.optionalEventTypes());
            model.addAttribute("eventTypes", webhooks.eventTypes(appId));
            model.addAttribute("schedule", scheduleText(webhooks.schedule(appId)));
        }
        if (can.get("feesView")) {
            Map<PayWay, Integer> rates = feeRates.rates(appId);
            Map<String, String> percents = new LinkedHashMap<>();
            for (PayWay way : PayWay.values()) {
                Integer ppm = rates.get(way);
                percents.put(way.name(), ppm == null ? "" : percent(ppm));
            }
            model.addAttribute("feeRates", percents);
        }
        if (can.get("channelsView")) {
            model.addAttribute(
                    "channelAccounts",
                    channels.views(appId).stream().map(ChannelRow::of).toList());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("entered")) {
            model.addAttribute("entered", Map.of());
        }
        return "console/apps/detail";
    }

    /** The app page again, the refused form's field marked with what it must hold; nothing was saved. */
    String refused(
            SignedInUser me,
            String appId,
            ApiException refused,
            String formField,
            Map<String, String> entered,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("errors", FormRefusal.of(refused, formField).asErrors());
        model.addAttribute("entered", entered);
        // the language switch reopens the app's page, not the form's POST address
        model.addAttribute("path", "/console/apps/" + appId);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return fill(me, appId, model);
    }

    private String merchantName(String merchantId) {
        try {
            return onboarding.merchant(merchantId).name();
        } catch (ApiException absent) {
            return merchantId;
        }
    }

    /** Parts per million as a percentage: 6000 is {@code 0.6}. */
    static String percent(int ppm) {
        return BigDecimal.valueOf(ppm, 4).stripTrailingZeros().toPlainString();
    }

    /**
     * A percentage as typed ({@code 0.6}, {@code 0.38 %}) in parts per million; empty for blank. Not a number, or
     * finer than a millionth, is refused as the service refuses a rate out of range: naming {@code rates.<way>}.
     */
    static Optional<Integer> ppm(PayWay way, @Nullable String percent) {
        if (percent == null || percent.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(percent.replace("%", "").strip())
                    .movePointRight(4)
                    .intValueExact());
        } catch (ArithmeticException | NumberFormatException notAPercentage) {
            throw ApiException.invalid("rates." + way.name(), "is a percentage such as 0.6");
        }
    }

    /** The schedule as people type it: {@code 5s, 1m, 10m, 1h}. */
    static String scheduleText(List<Duration> waits) {
        return waits.stream().map(AppPageModel::wait).collect(Collectors.joining(", "));
    }

    private static String wait(Duration wait) {
        long seconds = wait.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
