package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Ask the channel to open a trade for one attempt. */
public record PrepayCommand(
        AppId appId,
        PayWay payWay,
        OutTradeNo outTradeNo,
        Money amount,
        String subject,
        @Nullable String description,
        Instant expiresAt,
        @Nullable String returnUrl,
        @Nullable String clientIp,
        BuyerIds buyer) {}
