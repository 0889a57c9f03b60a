package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.PrepayResult;
import java.util.Map;

/** {@code WECHAT_NATIVE}: a code URL the merchant shows as a QR code. */
final class NativePrepay {

    private NativePrepay() {}

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
        String codeUrl = order.built().nativePay().prepay(request).getCodeUrl();
        return WechatPayOrder.awaiting(ClientAction.Type.QR_CODE, Map.of("content", codeUrl));
    }
}
