package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.PrepayResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code WECHAT_JSAPI} and {@code WECHAT_MINI}: the signed parameters of {@code wx.requestPayment} for the buyer's openid. */
final class JsapiPrepay {

    private JsapiPrepay() {}

    static PrepayResult prepay(WechatPayOrder order) {
        var amount = new Amount();
        amount.setTotal(order.total());
        amount.setCurrency(order.currency());
        var payer = new Payer();
        payer.setOpenid(order.command().buyer().openid());
        var request = new PrepayRequest();
        request.setAmount(amount);
        request.setPayer(payer);
        order.describe(
                request::setAppid,
                request::setMchid,
                request::setDescription,
                request::setOutTradeNo,
                request::setNotifyUrl,
                request::setTimeExpire);
        var signed = order.built().jsapi().prepayWithRequestPayment(request);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("appId", signed.getAppId());
        params.put("timeStamp", signed.getTimeStamp());
        params.put("nonceStr", signed.getNonceStr());
        params.put("package", signed.getPackageVal());
        params.put("signType", signed.getSignType());
        params.put("paySign", signed.getPaySign());
        return WechatPayOrder.awaiting(ClientAction.Type.JSAPI_PARAMS, params);
    }
}
