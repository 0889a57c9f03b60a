package io.tongbao.shared;

/** Every way a buyer can pay, across both channels. Fee rates, orders and adapters key on it. */
public enum PayWay {
    ALIPAY_PC(Channel.ALIPAY),
    ALIPAY_WAP(Channel.ALIPAY),
    ALIPAY_APP(Channel.ALIPAY),
    ALIPAY_QR(Channel.ALIPAY),
    ALIPAY_BARCODE(Channel.ALIPAY),
    ALIPAY_JSAPI(Channel.ALIPAY),
    WECHAT_JSAPI(Channel.WECHATPAY),
    WECHAT_MINI(Channel.WECHATPAY),
    WECHAT_H5(Channel.WECHATPAY),
    WECHAT_APP(Channel.WECHATPAY),
    WECHAT_NATIVE(Channel.WECHATPAY);

    private final Channel channel;

    PayWay(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    public enum Channel {
        ALIPAY,
        WECHATPAY
    }
}
