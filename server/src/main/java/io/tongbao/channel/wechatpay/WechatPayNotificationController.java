package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.ChannelNotifications.Outcome;
import io.tongbao.payment.spi.ChannelNotifications.Rejection;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.TradeRef;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * WeChat Pay v3 notifications, one URL per Tongbao app. Verified with the app's keys by the SDK's parser (signature
 * and AES-GCM), plus what the parser leaves out: the timestamp must be fresh (5 minutes), and the mchid must be the
 * app's. Answers 204 when applied (or already applied); otherwise 4xx/5xx with {@code {"code":"FAIL"}}, which makes
 * WeChat Pay retry. One that fails verification is also recorded as a security exception.
 */
@RestController
class WechatPayNotificationController {

    private static final Logger log = LoggerFactory.getLogger(WechatPayNotificationController.class);
    static final Duration FRESHNESS = Duration.ofMinutes(5);

    private final WechatPayClients clients;
    private final ChannelNotifications notifications;
    private final ObjectMapper json;
    private final Clock clock;

    WechatPayNotificationController(WechatPayClients clients, ChannelNotifications notifications, ObjectMapper json,
                                    Clock clock) {
        this.clients = clients;
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/channels/wechatpay/notify/{appId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> notify(@PathVariable String appId, @RequestBody String body,
                                  @RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
                                  @RequestHeader(name = "Wechatpay-Timestamp", required = false) String timestamp,
                                  @RequestHeader(name = "Wechatpay-Nonce", required = false) String nonce,
                                  @RequestHeader(name = "Wechatpay-Signature", required = false) String signature,
                                  @RequestHeader(name = "Wechatpay-Signature-Type", required = false) String signatureType) {
        WechatPayClients.Built built;
        try {
            built = clients.forApp(appId);
        } catch (IllegalStateException e) {
            return fail(404, "unknown app");
        }
        if (serial == null || timestamp == null || nonce == null || signature == null) {
            return refused(appId, null, Rejection.INVALID_SIGNATURE, 400, "missing Wechatpay signature headers");
        }
        if (!fresh(timestamp)) {
            log.warn("WeChat Pay notification for app {} has a stale timestamp {}", appId, timestamp);
            return refused(appId, null, Rejection.STALE_TIMESTAMP, 400, "stale timestamp");
        }
        RequestParam param = new RequestParam.Builder().serialNumber(serial).timestamp(timestamp).nonce(nonce)
                .signature(signature).signType(signatureType).body(body).build();
        NotificationParser parser = new NotificationParser(built.notificationConfig());
        try {
            String eventType = json.readTree(body).path("event_type").asString("");
            Outcome outcome;
            if (eventType.startsWith("TRANSACTION.")) {
                Transaction transaction = parser.parse(param, Transaction.class);
                if (!built.account().mchid().equals(transaction.getMchid())) {
                    log.warn("WeChat Pay notification for app {} names another mchid {}", appId, transaction.getMchid());
                    return refused(appId, transaction.getOutTradeNo(), Rejection.ACCOUNT_MISMATCH, 400, "mchid mismatch");
                }
                outcome = transaction.getTradeState() == Transaction.TradeStateEnum.SUCCESS
                        ? notifications.tradePaid(new TradeRef(appId, null, transaction.getOutTradeNo()),
                                WechatPayGateway.paid(transaction))
                        : Outcome.ACCEPTED;
            } else if (eventType.startsWith("REFUND.")) {
                RefundNotification refund = parser.parse(param, RefundNotification.class);
                RefundRef ref = new RefundRef(appId, null, refund.getOutTradeNo(), refund.getOutRefundNo());
                outcome = "REFUND.SUCCESS".equals(eventType)
                        ? notifications.refundSucceeded(ref, refund.getRefundId(), WechatPayGateway.instant(refund.getSuccessTime()))
                        : notifications.refundFailed(ref, eventType, "WeChat Pay reported " + eventType);
            } else {
                parser.parse(param, JsonNode.class);
                outcome = Outcome.ACCEPTED;
            }
            return outcome == Outcome.ACCEPTED ? ResponseEntity.noContent().build() : fail(400, "rejected");
        } catch (ValidationException e) {
            log.warn("WeChat Pay notification for app {} failed verification: {}", appId, e.getMessage());
            // the out_trade_no is inside the encrypted resource, which is not opened for an unverified notification
            return refused(appId, null, Rejection.INVALID_SIGNATURE, 401, "signature does not verify");
        } catch (RuntimeException e) {
            log.warn("WeChat Pay notification for app {} could not be applied: {}", appId, e.toString());
            return fail(500, "not applied");
        }
    }

    private boolean fresh(String timestamp) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) <= FRESHNESS.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A notification that failed verification: answered as failed (WeChat Pay retries) and recorded. */
    private ResponseEntity<String> refused(String appId, String outTradeNo, Rejection why, int status, String message) {
        notifications.rejected(appId, outTradeNo, why, "WeChat Pay notification refused: " + message);
        return fail(status, message);
    }

    private static ResponseEntity<String> fail(int status, String message) {
        return ResponseEntity.status(status).body("{\"code\":\"FAIL\",\"message\":\"" + message + "\"}");
    }
}
