/**
 * Payment orders, their attempts at a channel and their refunds, with the state machines that govern them
 * ({@link io.tongbao.payment.PaymentStateMachine}). Channels plug in through {@code payment.spi}.
 */
@ApplicationModule(
        displayName = "Payment",
        allowedDependencies = {"merchant", "shared"})
@NullMarked
package io.tongbao.payment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
