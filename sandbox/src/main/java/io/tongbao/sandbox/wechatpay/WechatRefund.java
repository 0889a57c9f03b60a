package io.tongbao.sandbox.wechatpay;

import java.time.Instant;

/** One refund. Accepted as PROCESSING; the sandbox then settles it to SUCCESS and notifies, as WeChat Pay does. */
record WechatRefund(
        String refundId,
        String outRefundNo,
        long refundFen,
        String reason,
        String notifyUrl,
        Instant createdAt,
        String status,
        Instant successTime) {

    WechatRefund succeeded(Instant at) {
        return new WechatRefund(refundId, outRefundNo, refundFen, reason, notifyUrl, createdAt, "SUCCESS", at);
    }
}
