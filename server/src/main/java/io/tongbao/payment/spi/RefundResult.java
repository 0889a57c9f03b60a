package io.tongbao.payment.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The channel's answer to a refund request. Accepted is not success: confirm by notification or query. */
public sealed interface RefundResult {

    record Accepted(String channelRefundId) implements RefundResult {}

    record Succeeded(String channelRefundId, @Nullable Instant at) implements RefundResult {}

    record Rejected(String code, String message) implements RefundResult {}

    record Unknown(String reason) implements RefundResult {}
}
