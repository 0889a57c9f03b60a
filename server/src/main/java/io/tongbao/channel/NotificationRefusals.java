package io.tongbao.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.ChannelNotifications.Rejection;
import io.tongbao.shared.log.LogValues;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every notification an endpoint refuses, counted by channel and reason ({@code tongbao.notifications.refused}), and,
 * when it was for an app we have, handed to the payment module, which samples it into {@code payment_exception}.
 * Each refusal is logged at DEBUG only: the WARN line comes from the sampled record, one per app, reason and minute,
 * so a flood of forgeries makes a few lines, not one each.
 */
@Component
public class NotificationRefusals {

    private static final Logger log = LoggerFactory.getLogger(NotificationRefusals.class);
    static final String METER = "tongbao.notifications.refused";
    /** A notification for an app we do not have: counted, never recorded (the app id is whatever was posted). */
    static final String UNKNOWN_APP = "UNKNOWN_APP";
    /** A verified notification the payment module rejected (another amount, an unknown trade); it records those. */
    static final String REJECTED = "REJECTED";

    private final MeterRegistry meters;
    private final ChannelNotifications notifications;

    NotificationRefusals(MeterRegistry meters, ChannelNotifications notifications) {
        this.meters = meters;
        this.notifications = notifications;
    }

    /**
     * Counted and recorded; a failure to record does not change the answer (the notification stays refused).
     *
     * @param appId an app that has this channel's account
     */
    public void refused(
            String channel, String appId, @Nullable String claimedOutTradeNo, Rejection why, String detail) {
        count(channel, why.name());
        log.debug(
                "{} notification for app {} refused ({}): {}",
                channel,
                LogValues.safe(appId),
                why,
                LogValues.safe(detail));
        try {
            notifications.rejected(channel, appId, claimedOutTradeNo, why, detail);
        } catch (RuntimeException e) {
            log.warn(
                    "could not record a refused {} notification for app {} ({}): {}",
                    channel,
                    LogValues.safe(appId),
                    why,
                    LogValues.safe(e.toString()));
        }
    }

    public void unknownApp(String channel, String appId) {
        count(channel, UNKNOWN_APP);
        log.debug("{} notification for unknown app {} refused", channel, LogValues.safe(appId));
    }

    public void rejectedByPayment(String channel) {
        count(channel, REJECTED);
    }

    private void count(String channel, String reason) {
        Counter.builder(METER)
                .description("channel notifications refused, by channel and reason")
                .tag("channel", channel)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }
}
