package io.tongbao.channel.wechatpay;

import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.PrepayCommand;
import io.tongbao.payment.spi.PrepayResult;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every pay way's prepay request carries: the command and the app's clients, WeChat app id, mchid, notify URL
 * and expiry. Each pay way has a class of its own ({@code NativePrepay}, …) because the SDK gives each its own
 * request model of the same name.
 */
record WechatPayOrder(
        PrepayCommand command,
        WechatPayClients.Built built,
        String appid,
        String mchid,
        String notifyUrl,
        String expire) {

    /** WeChat Pay's order amounts are an int of fen. */
    int total() {
        return Math.toIntExact(command.amount().minor());
    }

    String currency() {
        return command.amount().currency().name();
    }

    /**
     * Sets what every pay way's request carries, through the setters of that pay way's own request model (the SDK's
     * models share no type).
     */
    void describe(
            Consumer<String> appid,
            Consumer<String> mchid,
            Consumer<String> description,
            Consumer<String> outTradeNo,
            Consumer<String> notifyUrl,
            Consumer<String> timeExpire) {
        appid.accept(this.appid);
        mchid.accept(this.mchid);
        description.accept(command.subject());
        outTradeNo.accept(command.outTradeNo().value());
        notifyUrl.accept(this.notifyUrl);
        timeExpire.accept(expire);
    }

    static PrepayResult awaiting(ClientAction.Type type, Map<String, Object> data) {
        return new PrepayResult.AwaitingBuyer(new ClientAction(type, data));
    }
}
