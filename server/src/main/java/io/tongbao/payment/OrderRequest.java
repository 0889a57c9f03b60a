package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The unified order, as the merchant sends it. Amounts in fen. */
public record OrderRequest(String outTradeNo, Long amount, String currency, String subject, String description,
                           @JsonDeserialize(using = PayWayField.class) PayWay payWay, Integer expiresInSeconds, String notifyUrl, String returnUrl, String clientIp,
                           String openid, String buyerId, String authCode, Map<String, Object> metadata) {

    @Override
    public String toString() {
        return "OrderRequest[outTradeNo=" + outTradeNo + ", amount=" + amount + ", payWay=" + payWay + ", authCode="
                + (authCode == null ? null : "****") + "]";
    }
}
