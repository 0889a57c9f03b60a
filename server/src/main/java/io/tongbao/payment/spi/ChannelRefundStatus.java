package io.tongbao.payment.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public sealed interface ChannelRefundStatus {

    record Succeeded(String channelRefundId, @Nullable Instant at) implements ChannelRefundStatus {}

    record Processing() implements ChannelRefundStatus {}

    record Failed(String code, String message) implements ChannelRefundStatus {}

    record NotFound() implements ChannelRefundStatus {}

    record Unknown(String reason) implements ChannelRefundStatus {}
}
