package io.tongbao.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.tongbao.channel.AlipayAccount;
import io.tongbao.channel.NotificationBodies;
import io.tongbao.channel.NotificationRefusals;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.ChannelNotifications.Outcome;
import io.tongbao.payment.spi.ChannelNotifications.Rejection;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.log.LogValues;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alipay's asynchronous notifications, one URL per Tongbao app so that each is verified with that app's keys.
 * Answers exactly {@code success} once the notification is applied (or was already); anything else makes Alipay
 * retry (~8 times over a day). What is refused (not a readable form, over {@link NotificationBodies#MAX_BYTES}, a
 * signature that does not verify, another Alipay app, a trade or amount that is not ours) is answered 4xx
 * {@code fail}; one that could not be applied because of our own failure (the database) is answered 503
 * {@code fail}, so that Alipay's retry applies it later. Never a 500. Refusals are counted and sampled
 * ({@link NotificationRefusals}).
 */
@RestController
class AlipayNotificationController {

    private static final Logger log = LoggerFactory.getLogger(AlipayNotificationController.class);
    static final String CHANNEL = "alipay";
    static final String SUCCESS = "success";
    static final String FAILURE = "fail";

    private final AlipayClients clients;
    private final ChannelNotifications notifications;
    private final NotificationRefusals refusals;

    AlipayNotificationController(
            AlipayClients clients, ChannelNotifications notifications, NotificationRefusals refusals) {
        this.clients = clients;
        this.notifications = notifications;
        this.refusals = refusals;
    }

    @PostMapping(path = "/channels/alipay/notify/{appId}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> notify(@PathVariable String appId, HttpServletRequest request) {
        AlipayAccount account;
        try {
            account = NotificationBodies.isAppId(appId) ? clients.account(appId) : null;
        } catch (IllegalStateException e) {
            account = null;
        } catch (RuntimeException e) {
            return notApplied(appId, e);
        }
        if (account == null) {
            refusals.unknownApp(CHANNEL, appId);
            return answer(HttpStatus.NOT_FOUND, FAILURE);
        }
        Map<String, String> params;
        try {
            params = NotificationBodies.form(NotificationBodies.read(request));
        } catch (NotificationBodies.Unreadable e) {
            refusals.refused(CHANNEL, appId, null, e.reason(), "Alipay notification refused: " + e.getMessage());
            return answer(
                    e.reason() == Rejection.TOO_LARGE ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST, FAILURE);
        } catch (IOException e) {
            // the body could not be read to its end (the sender went away): nothing to refuse or apply
            return answer(HttpStatus.BAD_REQUEST, FAILURE);
        }
        if (!verified(params, account)) {
            refusals.refused(
                    CHANNEL,
                    appId,
                    params.get("out_trade_no"),
                    Rejection.INVALID_SIGNATURE,
                    "Alipay notification whose signature does not verify with the app's Alipay public key (notify_id "
                            + LogValues.safe(params.get("notify_id"), 64) + ")");
            return answer(HttpStatus.BAD_REQUEST, FAILURE);
        }
        if (!account.channelAppId().equals(params.get("app_id"))) {
            refusals.refused(
                    CHANNEL,
                    appId,
                    params.get("out_trade_no"),
                    Rejection.ACCOUNT_MISMATCH,
                    "Alipay notification for Alipay app " + LogValues.safe(params.get("app_id"), 64) + ", the app's is "
                            + account.channelAppId());
            return answer(HttpStatus.BAD_REQUEST, FAILURE);
        }
        Supplier<Outcome> application;
        try {
            application = application(appId, params);
        } catch (RuntimeException e) {
            // verified, so Alipay's own, yet unreadable (an amount or a time that does not parse)
            refusals.refused(
                    CHANNEL,
                    appId,
                    params.get("out_trade_no"),
                    Rejection.MALFORMED,
                    "Alipay notification that verified but does not read: " + e);
            return answer(HttpStatus.BAD_REQUEST, FAILURE);
        }
        try {
            if (application.get() == Outcome.ACCEPTED) {
                return answer(HttpStatus.OK, SUCCESS);
            }
            refusals.rejectedByPayment(CHANNEL);
            return answer(HttpStatus.BAD_REQUEST, FAILURE);
        } catch (RuntimeException e) {
            return notApplied(appId, e);
        }
    }

    /** Our own failure (the database): a 5xx, and Alipay's next try applies the notification. */
    private static ResponseEntity<String> notApplied(String appId, RuntimeException e) {
        log.warn(
                "Alipay notification for app {} could not be applied: {}",
                LogValues.safe(appId),
                LogValues.safe(e.toString(), 500));
        return answer(HttpStatus.SERVICE_UNAVAILABLE, FAILURE);
    }

    /** What applying the notification means, read from it first, so that what does not read is refused as such. */
    private Supplier<Outcome> application(String appId, Map<String, String> params) {
        String status = params.getOrDefault("trade_status", "");
        if (params.get("out_biz_no") != null && params.get("refund_fee") != null) {
            // a refund's notification: trade_status_sync with the refund's out_request_no as out_biz_no
            RefundRef refund = new RefundRef(
                    AppId.of(appId),
                    null,
                    OutTradeNo.of(required(params, "out_trade_no")),
                    OutRefundNo.of(params.get("out_biz_no")));
            Instant refundedAt = AlipayAmounts.instant(params.get("gmt_refund"));
            return () -> notifications.refundSucceeded(refund, params.get("trade_no"), refundedAt);
        }
        return switch (status) {
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> {
                PaidTrade paid = new PaidTrade(
                        params.get("trade_no"),
                        AlipayAmounts.money(required(params, "total_amount")),
                        AlipayAmounts.instant(params.get("gmt_payment")),
                        "TRADE_FINISHED".equals(status),
                        required(params, "app_id"));
                TradeRef trade = new TradeRef(AppId.of(appId), null, OutTradeNo.of(required(params, "out_trade_no")));
                yield () -> notifications.tradePaid(trade, paid);
            }
            // nothing to do for a closed or waiting trade: the janitor settles closes through queries
            default -> () -> Outcome.ACCEPTED;
        };
    }

    /** A field a notification of this kind always has: one without it does not read (refused as malformed). */
    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }

    private static boolean verified(Map<String, String> params, AlipayAccount account) {
        try {
            // a copy: the SDK removes sign from the map it is given; and the four-argument form, or it uses SHA1
            return AlipaySignature.rsaCheckV1(
                    new HashMap<>(params),
                    account.alipayPublicKey()
                            .replaceAll("-----[A-Z ]+-----", "")
                            .replaceAll("\\s", ""),
                    "UTF-8",
                    "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            return false;
        }
    }

    private static ResponseEntity<String> answer(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
