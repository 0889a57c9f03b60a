package io.tongbao.sandbox.wechatpay;

/** WeChat Pay's trade_state values that the sandbox produces (USERPAYING and PAYERROR belong to micropay). */
enum TradeState {
    NOTPAY("未支付"),
    SUCCESS("支付成功"),
    REFUND("转入退款"),
    CLOSED("已关闭");

    private final String description;

    TradeState(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
