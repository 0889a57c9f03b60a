package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay v3 notifications, one URL per Tongbao app. Verified with the app's keys by the SDK's parser (signature
 * and AES-GCM), plus what the parser leaves out: the timestamp must be fresh (5 minutes), and the mchid must be the
 * app's. Answers 204 when applied (or already applied). What is refused (over {@link NotificationBodies#MAX_BYTES},
 * not a JSON object with an event type, deeper than {@link #MAX_DEPTH}, a signature that does not verify, a
 * resource that does not decrypt with the app's key — another merchant's notification —, another mchid, a trade
 * that is not ours) is answered 4xx with {@code {"code":"FAIL"}}; one that could not be applied because of our own
 * failure (the database) 503, so that WeChat Pay's retry applies it later. Refusals are counted and sampled
 * ({@link NotificationRefusals}).
 */
@RestController
class WechatPayNotificationController {

    private static final Logger log = LoggerFactory.getLogger(WechatPayNotificationController.class);
    static final String CHANNEL = "wechatpay";
    static final Duration FRESHNESS = Duration.ofMinutes(5);
    /** A notification is two levels deep ({@code resource}); the default limit (500) is far more than needed. */
    static final int MAX_DEPTH = 16;

    private static final JsonMapper NOTIFICATION_JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .build();

    private final WechatPayClients clients;
    private final ChannelNotifications notifications;
    private final NotificationRefusals refusals;
    private final Clock clock;

    WechatPayNotificationController(
            WechatPayClients clients, ChannelNotifications notifications, NotificationRefusals refusals, Clock clock) {
        this.clients = clients;
        this.notifications = notifications;
        this.refusals = refusals;
        this.clock = clock;
    }

    @PostMapping(path = "/channels/wechatpay/notify/{appId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> notify(
            @PathVariable String appId,
            HttpServletRequest request,
            @RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
            @RequestHeader(name = "Wechatpay-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "Wechatpay-Nonce", required = false) String nonce,
            @RequestHeader(name = "Wechatpay-Signature", required = false) String signature,
            @RequestHeader(name = "Wechatpay-Signature-Type", required = false) String signatureType) {
        WechatPayClients.Built built;
        try {
            built = NotificationBodies.isAppId(appId) ? clients.forApp(appId) : null;
        } catch (IllegalStateException e) {
            built = null;
        } catch (RuntimeException e) {
            return notApplied(appId, e);
        }
        if (built == null) {
            refusals.unknownApp(CHANNEL, appId);
            return fail(HttpStatus.NOT_FOUND, "unknown app");
        }
        String body;
        String eventType;
        try {
            body = NotificationBodies.utf8(NotificationBodies.read(request));
            eventType = eventType(body);
        } catch (NotificationBodies.Unreadable e) {
            return refused(
                    appId,
                    null,
                    e.reason(),
                    e.reason() == Rejection.TOO_LARGE ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                    Objects.requireNonNull(e.getMessage(), "an Unreadable always says what was wrong"));
        } catch (IOException e) {
            // the body could not be read to its end (the sender went away): nothing to refuse or apply
            return fail(HttpStatus.BAD_REQUEST, "body not read");
        }
        if (serial == null || timestamp == null || nonce == null || signature == null) {
            return refused(
                    appId,
                    null,
                    Rejection.INVALID_SIGNATURE,
                    HttpStatus.BAD_REQUEST,
                    "missing Wechatpay signature headers");
        }
        if (!fresh(timestamp)) {
            return refused(
                    appId,
                    null,
                    Rejection.STALE_TIMESTAMP,
                    HttpStatus.BAD_REQUEST,
                    "stale timestamp",
                    "stale timestamp " + LogValues.safe(timestamp, 32));
        }
        RequestParam param = new RequestParam.Builder()
                .serialNumber(serial)
                .timestamp(timestamp)
                .nonce(nonce)
                .signature(signature)
                .signType(signatureType)
                .body(body)
                .build();
        NotificationParser parser = new NotificationParser(built.notificationConfig());
        Supplier<Outcome> application;
        try {
            if (eventType.startsWith("TRANSACTION.")) {
                Transaction transaction = parser.parse(param, Transaction.class);
                if (!built.account().mchid().equals(transaction.getMchid())) {
                    return refused(
                            appId,
                            clean(transaction.getOutTradeNo()),
                            Rejection.ACCOUNT_MISMATCH,
                            HttpStatus.BAD_REQUEST,
                            "mchid mismatch",
                            "notification for mchid " + LogValues.safe(transaction.getMchid(), 32));
                }
                application = paid(appId, transaction);
            } else if (eventType.startsWith("REFUND.")) {
                application = refund(appId, eventType, parser.parse(param, RefundNotification.class));
            } else {
                parser.parse(param, Object.class);
                application = () -> Outcome.ACCEPTED;
            }
        } catch (ValidationException e) {
            // its message quotes the whole body: not logged, not recorded
            // the out_trade_no is inside the encrypted resource, which is not opened for an unverified notification
            return refused(
                    appId, null, Rejection.INVALID_SIGNATURE, HttpStatus.UNAUTHORIZED, "signature does not verify");
        } catch (DecryptionException e) {
            return refused(
                    appId,
                    null,
                    Rejection.UNDECRYPTABLE,
                    HttpStatus.BAD_REQUEST,
                    "resource does not decrypt",
                    "validly signed, but its resource does not decrypt with the app's APIv3 key: another merchant's?");
        } catch (RuntimeException e) {
            // verified (so WeChat Pay's own) but unreadable: a resource that is not what its event type says
            return refused(
                    appId,
                    null,
                    Rejection.MALFORMED,
                    HttpStatus.BAD_REQUEST,
                    "unreadable resource",
                    "validly signed, but its resource does not read: " + e);
        }
        try {
            if (application.get() == Outcome.ACCEPTED) {
                return ResponseEntity.noContent().build();
            }
            refusals.rejectedByPayment(CHANNEL);
            return fail(HttpStatus.BAD_REQUEST, "rejected");
        } catch (RuntimeException e) {
            return notApplied(appId, e);
        }
    }

    /** The event type of a JSON object no deeper than {@link #MAX_DEPTH}; anything else is not a notification. */
    private static String eventType(String body) throws NotificationBodies.Unreadable {
        JsonNode tree;
        try {
            tree = NOTIFICATION_JSON.readTree(body);
        } catch (JacksonException e) {
            throw NotificationBodies.malformed("not JSON, or nested deeper than " + MAX_DEPTH);
        }
        if (tree == null || !tree.isObject() || !tree.path("event_type").isString()) {
            throw NotificationBodies.malformed("not a JSON object with an event_type");
        }
        return tree.path("event_type").asString();
    }

    private Supplier<Outcome> paid(String appId, Transaction transaction) {
        if (transaction.getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
            return () -> Outcome.ACCEPTED;
        }
        requireNoNul(
                transaction.getOutTradeNo(),
                transaction.getTransactionId(),
                transaction.getMchid(),
                transaction.getSuccessTime());
        TradeRef trade = new TradeRef(AppId.of(appId), null, OutTradeNo.of(transaction.getOutTradeNo()));
        PaidTrade paid = WechatPayGateway.paid(transaction);
        return () -> notifications.tradePaid(trade, paid);
    }

    private Supplier<Outcome> refund(String appId, String eventType, RefundNotification refund) {
        requireNoNul(refund.getOutTradeNo(), refund.getOutRefundNo(), refund.getRefundId(), refund.getSuccessTime());
        RefundRef ref = new RefundRef(
                AppId.of(appId), null, OutTradeNo.of(refund.getOutTradeNo()), OutRefundNo.of(refund.getOutRefundNo()));
        if ("REFUND.SUCCESS".equals(eventType)) {
            Instant at = WechatPayGateway.instant(refund.getSuccessTime());
            return () -> notifications.refundSucceeded(ref, refund.getRefundId(), at);
        }
        return () -> notifications.refundFailed(ref, eventType, "WeChat Pay reported " + eventType);
    }

    /** PostgreSQL refuses a NUL in text: one in what the notification names is refused here, not failed there. */
    private static void requireNoNul(@Nullable String... values) {
        if (Arrays.stream(values).filter(Objects::nonNull).anyMatch(value -> value.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("a NUL in the resource");
        }
    }

    private static @Nullable String clean(@Nullable String claimed) {
        return claimed == null ? null : LogValues.safe(claimed, 64);
    }

    private boolean fresh(String timestamp) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) <= FRESHNESS.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A notification refused: answered as failed (WeChat Pay retries a genuine one), counted and recorded. */
    private ResponseEntity<String> refused(
            String appId, @Nullable String outTradeNo, Rejection why, HttpStatus status, String message) {
        return refused(appId, outTradeNo, why, status, message, message);
    }

    private ResponseEntity<String> refused(
            String appId,
            @Nullable String outTradeNo,
            Rejection why,
            HttpStatus status,
            String message,
            String detail) {
        refusals.refused(CHANNEL, appId, outTradeNo, why, "WeChat Pay notification refused: " + detail);
        return fail(status, message);
    }

    /** Our own failure (the database): a 5xx, and WeChat Pay's next try applies the notification. */
    private static ResponseEntity<String> notApplied(String appId, RuntimeException e) {
        log.warn(
                "WeChat Pay notification for app {} could not be applied: {}",
                LogValues.safe(appId),
                LogValues.safe(e.toString(), 500));
        return fail(HttpStatus.SERVICE_UNAVAILABLE, "not applied");
    }

    /** WeChat Pay's failure answer; the message is always one of ours, never quoted from the request. */
    private static ResponseEntity<String> fail(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"FAIL\",\"message\":\"" + message + "\"}");
    }
}
