package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.service.payments.app.model.Amount;
import com.wechat.pay.java.service.payments.app.model.PrepayRequest;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.PrepayResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code WECHAT_APP}: the signed parameters the merchant's app hands to the WeChat SDK. */
final class AppPrepay {

    private AppPrepay() {}

    static PrepayResult prepay(WechatPayOrder order) {
        var amount = new Amount();
        amount.setTotal(order.total());
        amount.setCurrency(order.currency());
        var request = new PrepayRequest();
        request.setAmount(amount);
        order.describe(
                request::setAppid,
                request::setMchid,
                request::setDescription,
                request::setOutTradeNo,
                request::setNotifyUrl,
                request::setTimeExpire);
        var signed = order.built().app().prepayWithRequestPayment(request);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("appid", signed.getAppid());
        params.put("partnerid", signed.getPartnerId());
        params.put("prepayid", signed.getPrepayId());
        params.put("package", signed.getPackageVal());
        params.put("noncestr", signed.getNonceStr());
        params.put("timestamp", signed.getTimestamp());
        params.put("sign", signed.getSign());
        return WechatPayOrder.awaiting(ClientAction.Type.APP_PARAMS, params);
    }
}
