package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.WechatPaySandbox.KeyMode;
import io.tongbao.sandbox.support.NotificationDispatcher;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Sends TRANSACTION.SUCCESS and REFUND.SUCCESS, signed with the key of the merchant's registered mode. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatNotifier {

    private final NotificationDispatcher dispatcher;
    private final WechatReplies replies;
    private final SandboxClock clock;

    WechatNotifier(NotificationDispatcher dispatcher, WechatReplies replies, SandboxClock clock) {
        this.dispatcher = dispatcher;
        this.replies = replies;
        this.clock = clock;
    }

    void paid(WechatTransaction.Snapshot snapshot) {
        WechatTransaction order = snapshot.transaction();
        send(order, order.notifyUrl(), "TRANSACTION.SUCCESS", "支付成功", "transaction", WechatViews.transaction(snapshot));
    }

    void refunded(WechatTransaction order, WechatRefund refund) {
        String target = refund.notifyUrl() != null ? refund.notifyUrl() : order.notifyUrl();
        send(order, target, "REFUND.SUCCESS", "退款成功", "refund", WechatViews.refundNotification(order, refund));
    }

    private void send(
            WechatTransaction order,
            String notifyUrl,
            String eventType,
            String summary,
            String originalType,
            Map<String, Object> plaintext) {
        if (notifyUrl == null || notifyUrl.isBlank()) {
            return;
        }
        KeyMode mode = order.merchant().keyMode();
        dispatcher.dispatch(new WechatNotification(
                order.merchant(),
                order.outTradeNo(),
                URI.create(notifyUrl),
                eventType,
                summary,
                originalType,
                clock.instant(),
                plaintext,
                body -> replies.signedHeaders(order.merchant().keys(), mode, body)));
    }
}
