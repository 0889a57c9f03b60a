package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.service.payments.h5.model.Amount;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.PrepayRequest;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.PrepayResult;
import java.util.Map;

/** {@code WECHAT_H5}: a URL that opens WeChat Pay from a mobile browser; WeChat Pay wants the buyer's IP with it. */
final class H5Prepay {

    private H5Prepay() {}

    static PrepayResult prepay(WechatPayOrder order) {
        var amount = new Amount();
        amount.setTotal(order.total());
        amount.setCurrency(order.currency());
        var h5 = new H5Info();
        h5.setType("Wap");
        var scene = new SceneInfo();
        scene.setPayerClientIp(order.command().clientIp());
        scene.setH5Info(h5);
        var request = new PrepayRequest();
        request.setAmount(amount);
        request.setSceneInfo(scene);
        order.describe(
                request::setAppid,
                request::setMchid,
                request::setDescription,
                request::setOutTradeNo,
                request::setNotifyUrl,
                request::setTimeExpire);
        String url = order.built().h5().prepay(request).getH5Url();
        return WechatPayOrder.awaiting(ClientAction.Type.H5_URL, Map.of("url", url));
    }
}
