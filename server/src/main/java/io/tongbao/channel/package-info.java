/**
 * The payment channels. Each app's channel accounts ({@link io.tongbao.channel.ChannelAccounts}, sealed at rest):
 * the operator's endpoints that set them, and the answer to {@code payment.spi}'s question whether an app can use a
 * pay way. The adapters {@code alipay} and {@code wechatpay} implement {@code payment.spi} with the official SDKs, one
 * client per channel account (never a shared singleton), and receive the channels' notifications.
 */
@ApplicationModule(
        displayName = "Channel",
        allowedDependencies = {"payment :: spi", "merchant", "shared"})
@NullMarked
package io.tongbao.channel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
