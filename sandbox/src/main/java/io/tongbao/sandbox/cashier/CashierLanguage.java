package io.tongbao.sandbox.cashier;

import java.util.Map;

/** The cashier's two languages. Chinese first: it is what buyers of both channels see. */
public enum CashierLanguage {
    ZH_CN(
            "zh-CN",
            Map.ofEntries(
                    Map.entry("title", "通宝沙箱收银台"),
                    Map.entry("merchant", "收款方"),
                    Map.entry("order", "商户订单号"),
                    Map.entry("subject", "商品"),
                    Map.entry("amount", "金额"),
                    Map.entry("status", "状态"),
                    Map.entry("pay", "确认付款"),
                    Map.entry("payLater", "30 秒后付款"),
                    Map.entry("fail", "放弃付款"),
                    Map.entry("scan", "用手机扫码打开本页"),
                    Map.entry("paid", "付款成功"),
                    Map.entry("scheduled", "将在 30 秒（沙箱时间）后付款"),
                    Map.entry("abandoned", "已放弃付款，订单仍待支付"),
                    Map.entry("refused", "无法付款"),
                    Map.entry("back", "返回商户"),
                    Map.entry("other", "English"))),
    EN(
            "en",
            Map.ofEntries(
                    Map.entry("title", "Tongbao sandbox cashier"),
                    Map.entry("merchant", "Payee"),
                    Map.entry("order", "Merchant order no."),
                    Map.entry("subject", "Item"),
                    Map.entry("amount", "Amount"),
                    Map.entry("status", "Status"),
                    Map.entry("pay", "Pay now"),
                    Map.entry("payLater", "Pay in 30 seconds"),
                    Map.entry("fail", "Give up"),
                    Map.entry("scan", "Scan with a phone to open this page"),
                    Map.entry("paid", "Payment succeeded"),
                    Map.entry("scheduled", "Will pay in 30 seconds of sandbox time"),
                    Map.entry("abandoned", "Payment abandoned; the order is still unpaid"),
                    Map.entry("refused", "Cannot pay"),
                    Map.entry("back", "Back to the merchant"),
                    Map.entry("other", "中文")));

    private final String tag;
    private final Map<String, String> texts;

    CashierLanguage(String tag, Map<String, String> texts) {
        this.tag = tag;
        this.texts = texts;
    }

    public String tag() {
        return tag;
    }

    public String text(String key) {
        return texts.getOrDefault(key, key);
    }

    public CashierLanguage other() {
        return this == ZH_CN ? EN : ZH_CN;
    }

    /** {@code ?lang=en} wins; otherwise the browser's first preference; otherwise Chinese. */
    public static CashierLanguage choose(String lang, String acceptLanguage) {
        String wanted = lang != null ? lang : acceptLanguage;
        return wanted != null && wanted.toLowerCase().startsWith("en") ? EN : ZH_CN;
    }
}
