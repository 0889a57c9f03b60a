package io.tongbao.payment;

import io.tongbao.payment.spi.ChannelGateway;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.shared.web.ApiException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The channel adapters present in this deployment, by channel. */
@Component
class Gateways {

    private final Map<Channel, ChannelGateway> byChannel = new EnumMap<>(Channel.class);

    Gateways(List<ChannelGateway> gateways) {
        for (ChannelGateway gateway : gateways) {
            ChannelGateway other = byChannel.putIfAbsent(gateway.channel(), gateway);
            if (other != null) {
                throw new IllegalStateException("two adapters for " + gateway.channel() + ": "
                        + other.getClass().getName() + " and "
                        + gateway.getClass().getName());
            }
        }
    }

    ChannelGateway of(PayWay payWay) {
        ChannelGateway gateway = byChannel.get(payWay.channel());
        if (gateway == null) {
            throw ApiException.rule("CHANNEL_UNAVAILABLE", "no " + payWay.channel() + " adapter in this deployment");
        }
        return gateway;
    }
}
