/**
 * The channel port: what a channel adapter implements ({@link io.tongbao.payment.spi.ChannelGateway}) and what it
 * calls when the channel reports something ({@link io.tongbao.payment.spi.ChannelNotifications}). Results are
 * normalized: an adapter never leaks its SDK's types.
 */
@NamedInterface("spi")
@NullMarked
package io.tongbao.payment.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
