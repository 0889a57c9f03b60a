package io.tongbao.payment.spi;

/** What some pay ways need to know of the buyer: WeChat openid (JSAPI, mini-program), Alipay buyer id, a barcode. */
public record BuyerIds(String openid, String buyerId, String authCode) {

    public static BuyerIds none() {
        return new BuyerIds(null, null, null);
    }

    @Override
    public String toString() {
        // a barcode (auth_code) is a bearer payment credential for a minute: never in a log
        return "BuyerIds[openid=" + openid + ", buyerId=" + buyerId + ", authCode=" + (authCode == null ? null : "****") + "]";
    }
}
