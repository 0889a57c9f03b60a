package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.shared.PayWay;
import java.time.Instant;

/** One try at a channel. Its id is the out_trade_no the channel knows, so a closed one is never reused. */
record AttemptRow(String id, String paymentId, String merchantId, String appId, PayWay payWay, long amount,
                  AttemptStatus status, String channelTransactionId, String actionJson, boolean finished,
                  int queryCount, Instant createdAt, Instant paidAt) {
}
