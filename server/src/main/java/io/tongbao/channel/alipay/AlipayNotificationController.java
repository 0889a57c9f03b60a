package io.tongbao.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.tongbao.merchant.AlipayAccount;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.ChannelNotifications.Outcome;
import io.tongbao.payment.spi.ChannelNotifications.Rejection;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.TradeRef;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alipay's asynchronous notifications, one URL per Tongbao app so that each is verified with that app's keys.
 * Answers exactly {@code success} once the notification is applied (or was already), anything else makes Alipay
 * retry (~8 times over a day). One that fails verification is also recorded as a security exception.
 */
@RestController
class AlipayNotificationController {

    private static final Logger log = LoggerFactory.getLogger(AlipayNotificationController.class);
    static final String SUCCESS = "success";
    static final String FAILURE = "failure";

    private final AlipayClients clients;
    private final ChannelNotifications notifications;

    AlipayNotificationController(AlipayClients clients, ChannelNotifications notifications) {
        this.clients = clients;
        this.notifications = notifications;
    }

    @PostMapping(path = "/channels/alipay/notify/{appId}", produces = MediaType.TEXT_PLAIN_VALUE)
    String notify(@PathVariable String appId, @RequestParam Map<String, String> params) {
        AlipayAccount account;
        try {
            account = clients.account(appId);
        } catch (IllegalStateException e) {
            return FAILURE;
        }
        if (!verified(params, account)) {
            log.warn("Alipay notification for app {} failed signature verification (notify_id {})", appId,
                    params.get("notify_id"));
            notifications.rejected(appId, params.get("out_trade_no"), Rejection.INVALID_SIGNATURE,
                    "Alipay notification whose signature does not verify with the app's Alipay public key (notify_id "
                            + params.get("notify_id") + ")");
            return FAILURE;
        }
        if (!account.channelAppId().equals(params.get("app_id"))) {
            log.warn("Alipay notification for app {} names another Alipay app id {}", appId, params.get("app_id"));
            notifications.rejected(appId, params.get("out_trade_no"), Rejection.ACCOUNT_MISMATCH,
                    "Alipay notification for Alipay app " + params.get("app_id") + ", the app's is "
                            + account.channelAppId());
            return FAILURE;
        }
        return apply(appId, params) == Outcome.ACCEPTED ? SUCCESS : FAILURE;
    }

    private Outcome apply(String appId, Map<String, String> params) {
        String outTradeNo = params.get("out_trade_no");
        String status = params.getOrDefault("trade_status", "");
        try {
            if (params.get("out_biz_no") != null && params.get("refund_fee") != null) {
                // a refund's notification: trade_status_sync with the refund's out_request_no as out_biz_no
                return notifications.refundSucceeded(new RefundRef(appId, null, outTradeNo, params.get("out_biz_no")),
                        params.get("trade_no"), AlipayAmounts.instant(params.get("gmt_refund")));
            }
            return switch (status) {
                case "TRADE_SUCCESS", "TRADE_FINISHED" -> notifications.tradePaid(new TradeRef(appId, null, outTradeNo),
                        new PaidTrade(params.get("trade_no"), AlipayAmounts.fen(params.get("total_amount")),
                                AlipayAmounts.instant(params.get("gmt_payment")), "TRADE_FINISHED".equals(status),
                                params.get("app_id")));
                // nothing to do for a closed or waiting trade: the janitor settles closes through queries
                default -> Outcome.ACCEPTED;
            };
        } catch (RuntimeException e) {
            log.warn("Alipay notification for app {} could not be applied: {}", appId, e.toString());
            return Outcome.REJECTED;
        }
    }

    private static boolean verified(Map<String, String> params, AlipayAccount account) {
        try {
            // a copy: the SDK removes sign from the map it is given; and the four-argument form, or it uses SHA1
            return AlipaySignature.rsaCheckV1(new HashMap<>(params),
                    account.alipayPublicKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""), "UTF-8", "RSA2");
        } catch (AlipayApiException e) {
            return false;
        }
    }
}
