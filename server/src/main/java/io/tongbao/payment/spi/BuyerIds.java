package io.tongbao.payment.spi;

import org.jspecify.annotations.Nullable;

/** What some pay ways need to know of the buyer: WeChat openid (JSAPI, mini-program), Alipay buyer id, a barcode. */
public record BuyerIds(
        @Nullable String openid,
        @Nullable String buyerId,
        @Nullable String authCode) {

    public static BuyerIds none() {
        return new BuyerIds(null, null, null);
    }

    @Override
    public String toString() {
        // a barcode (auth_code) is a bearer payment credential for a minute: never in a log
        return "BuyerIds[openid=" + openid + ", buyerId=" + buyerId + ", authCode=" + (authCode == null ? null : "****")
                + "]";
    }
}
