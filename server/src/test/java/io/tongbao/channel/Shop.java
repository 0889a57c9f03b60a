package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.support.OperatorClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A merchant's app as the operator onboards it: a merchant, an app, and for each channel asked for an account
 * registered at the sandbox with keys of its own, entered through the operator API. What a test takes payments
 * with, through the SDK, as the merchant would.
 */
final class Shop {

    final String appId;
    final TongbaoClient client;
    final PaymentApi payments;
    /** Null when the shop has no Alipay account. */
    final Sandbox.AlipayApp alipay;
    /** Null when the shop has no WeChat Pay account. */
    final Sandbox.WechatMerchant wechat;

    private Shop(String appId, TongbaoClient client, Sandbox.AlipayApp alipay, Sandbox.WechatMerchant wechat) {
        this.appId = appId;
        this.client = client;
        this.payments = client.payments();
        this.alipay = alipay;
        this.wechat = wechat;
    }

    static Shop open(OperatorClient operator, Sandbox sandbox, Channel... channels) {
        return open(operator, sandbox, "PUBLIC_KEY", channels);
    }

    /**
     * @param wechatKeyMode PUBLIC_KEY (WeChat Pay's public key and its id) or CERTIFICATE (platform certificates the
     *                      SDK downloads from the sandbox)
     */
    static Shop open(OperatorClient operator, Sandbox sandbox, String wechatKeyMode, Channel... channels) {
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("sandbox shop"));
        Set<Channel> wanted = Set.of(channels);
        Sandbox.AlipayApp alipay = wanted.contains(Channel.ALIPAY) ? sandbox.registerAlipay() : null;
        Sandbox.WechatMerchant wechat =
                wanted.contains(Channel.WECHATPAY) ? sandbox.registerWechatPay(wechatKeyMode) : null;
        if (alipay != null) {
            expectSaved(operator.put(
                    "/api/operator/apps/" + app.appId() + "/channels/alipay",
                    Map.of(
                            "channel_app_id", alipay.appId(),
                            "app_private_key",
                                    Base64.getEncoder()
                                            .encodeToString(alipay.appKeys()
                                                    .getPrivate()
                                                    .getEncoded()),
                            "alipay_public_key", alipay.alipayPublicKey(),
                            "gateway_url", alipay.gatewayUrl())));
        }
        if (wechat != null) {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("mchid", wechat.mchid());
            account.put("app_ids", List.of(wechat.appid()));
            account.put(
                    "merchant_private_key",
                    Base64.getEncoder()
                            .encodeToString(wechat.merchantKeys().getPrivate().getEncoded()));
            account.put("merchant_serial_no", wechat.serialNo());
            account.put("api_v3_key", wechat.apiV3Key());
            if (wechat.keyMode().equals("PUBLIC_KEY")) {
                account.put("mode", "PUBLIC_KEY");
                account.put("wechatpay_public_key", wechat.publicKey());
                account.put("wechatpay_public_key_id", wechat.publicKeyId());
            } else {
                account.put("mode", "PLATFORM_CERTIFICATE");
            }
            account.put("base_url", wechat.apiBaseUrl());
            expectSaved(operator.put("/api/operator/apps/" + app.appId() + "/channels/wechatpay", account));
        }
        return new Shop(app.appId(), operator.sdk(app), alipay, wechat);
    }

    static Shop open(OperatorClient operator, Sandbox sandbox, PayWay way) {
        return open(operator, sandbox, way.channel());
    }

    /** The channel account the sandbox files this pay way's trades and notifications under: app_id or mchid. */
    String account(PayWay way) {
        return way.channel() == Channel.ALIPAY ? alipay.appId() : wechat.mchid();
    }

    /** A unified order of this pay way with what the way needs of the buyer; a fresh out_trade_no. */
    static PaymentRequest order(PayWay way, long amount) {
        return new PaymentRequest(
                outTradeNo(),
                amount,
                "CNY",
                "通宝 " + way,
                null,
                way.name(),
                null,
                null,
                way == PayWay.ALIPAY_PC || way == PayWay.ALIPAY_WAP ? "https://shop.example/paid" : null,
                way == PayWay.WECHAT_H5 ? "203.0.113.7" : null,
                way == PayWay.WECHAT_JSAPI || way == PayWay.WECHAT_MINI ? SandboxBuyer.WECHAT_OPENID : null,
                way == PayWay.ALIPAY_JSAPI ? SandboxBuyer.ALIPAY_BUYER_ID : null,
                way == PayWay.ALIPAY_BARCODE ? SandboxBuyer.PASSWORD_AUTH_CODE : null,
                null);
    }

    PaymentApi.Payment create(PayWay way, long amount) {
        return payments.create(order(way, amount));
    }

    boolean isPaid(String paymentId) {
        return "PAID".equals(payments.get(paymentId).status());
    }

    /** The app's events of one type about one object, read back through the events API as a merchant would. */
    List<Map<String, Object>> events(String type, String objectId) {
        List<Map<String, Object>> found = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("types", type);
            query.put("limit", "100");
            if (after != null) {
                query.put("after", after);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> page = client.get("/api/v1/events", query, Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            for (Map<String, Object> event : data) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) event.get("data");
                if (objectId == null
                        || objectId.equals(body.get("payment_id"))
                        || objectId.equals(body.get("refund_id"))) {
                    found.add(event);
                }
            }
            if (!Boolean.TRUE.equals(page.get("has_more"))) {
                return found;
            }
            after = (String) page.get("next_after");
        }
    }

    static String outTradeNo() {
        return "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static void expectSaved(OperatorClient.Response saved) {
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
    }
}
