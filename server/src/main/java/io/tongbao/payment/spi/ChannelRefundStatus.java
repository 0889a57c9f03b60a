package io.tongbao.payment.spi;

import java.time.Instant;

public sealed interface ChannelRefundStatus {

    record Succeeded(String channelRefundId, Instant at) implements ChannelRefundStatus {
    }

    record Processing() implements ChannelRefundStatus {
    }

    record Failed(String code, String message) implements ChannelRefundStatus {
    }

    record NotFound() implements ChannelRefundStatus {
    }

    record Unknown(String reason) implements ChannelRefundStatus {
    }
}
