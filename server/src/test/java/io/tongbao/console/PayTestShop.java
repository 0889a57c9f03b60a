package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.support.OperatorClient;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merchant with one app whose Alipay account is registered at the sandbox mounted in the application (as the
 * operator onboards it), for the pay test; and the sandbox buyer who pays an Alipay QR code.
 */
record PayTestShop(String merchantId, String appId) {

    private static final Pattern CASHIER_LINK = Pattern.compile("<a[^>]*id=\"pay-test-cashier\"[^>]*href=\"([^\"]+)\"");
    private static final String SANDBOX_BUYER = "2088102177846875";

    static PayTestShop open(OperatorClient operator, String name) {
        String merchantId = operator.createMerchant(name);
        String appId = operator.createHmacApp(merchantId).appId();
        KeyPair keys = OperatorClient.rsaKeyPair();
        OperatorClient.Response registered = operator.post(
                "/sandbox/alipay/apps",
                Map.of(
                        "app_public_key",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        assertThat(registered.status()).as(registered.raw()).isBetween(200, 299);
        OperatorClient.Response saved = operator.put(
                "/api/operator/apps/" + appId + "/channels/alipay",
                Map.of(
                        "channel_app_id", registered.body().get("app_id").asString(),
                        "app_private_key",
                                Base64.getEncoder()
                                        .encodeToString(keys.getPrivate().getEncoded()),
                        "alipay_public_key",
                                registered.body().get("alipay_public_key").asString(),
                        "gateway_url", registered.body().get("gateway_url").asString()));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        return new PayTestShop(merchantId, appId);
    }

    /** The sandbox cashier link of a pay test result page. */
    static String cashierLink(String resultPage) {
        Matcher link = CASHIER_LINK.matcher(resultPage);
        assertThat(link.find()).as("a sandbox cashier link in the result page").isTrue();
        return link.group(1);
    }

    /** The buyer scans the QR code (the sandbox's code is its cashier URL) and pays, through the sandbox's API. */
    static void buyerPays(OperatorClient sandbox, String qrCode) {
        OperatorClient.Response scanned = sandbox.post("/sandbox/alipay/buyer/scan", Map.of("qr_code", qrCode));
        assertThat(scanned.status()).as(scanned.raw()).isEqualTo(200);
        OperatorClient.Response paid = sandbox.post(
                "/sandbox/alipay/buyer/pay",
                Map.of("trade_no", scanned.body().get("trade_no").asString(), "buyer_id", SANDBOX_BUYER));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
    }
}
