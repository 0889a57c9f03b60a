package io.tongbao.sandbox.alipay;

import java.util.Map;

/** One authenticated call to the gateway: the app it came from and what it asks. */
record AlipayCall(AlipayApp app, String method, SignType signType, BizContent biz, Map<String, String> params) {

    String notifyUrl() {
        return params.get("notify_url");
    }

    String returnUrl() {
        return params.get("return_url");
    }
}
