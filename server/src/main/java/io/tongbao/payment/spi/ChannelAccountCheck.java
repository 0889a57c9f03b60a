package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;

/**
 * Whether an app can use a pay way: answered by the channel module, which holds the apps' channel accounts. Asked
 * before an order is stored, so that an app without an account learns it at once rather than from a failed prepay.
 */
public interface ChannelAccountCheck {

    boolean canUse(String appId, PayWay payWay);
}
