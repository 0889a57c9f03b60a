package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay.Channel;

/**
 * One channel (Alipay or WeChat Pay). Every call carries the Tongbao app it acts for: the adapter uses that app's
 * own credentials, never a shared client. Every remote call has a timeout; a timeout is {@code Unknown}, not a
 * failure, because the channel may have acted.
 */
public interface ChannelGateway {

    Channel channel();

    PrepayResult prepay(PrepayCommand command);

    TradeStatus query(TradeRef trade);

    CloseResult close(TradeRef trade);

    RefundResult refund(RefundCommand command);

    ChannelRefundStatus queryRefund(RefundRef refund);
}
