/**
 * Channel adapters: {@code alipay} and {@code wechatpay} implement {@code payment.spi} with the official SDKs, one
 * client per channel account (never a shared singleton), and receive the channels' notifications.
 */
@ApplicationModule(displayName = "Channel", allowedDependencies = {"payment :: spi", "merchant", "shared"})
@NullMarked
package io.tongbao.channel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
