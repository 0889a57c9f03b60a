package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;
import java.time.Instant;

/** Ask the channel to open a trade for one attempt. Amounts in fen. */
public record PrepayCommand(String appId, PayWay payWay, String outTradeNo, long amount, String currency,
                            String subject, String description, Instant expiresAt, String returnUrl, String clientIp,
                            BuyerIds buyer) {
}
