package io.tongbao.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.tongbao.sandbox.alipay.AlipaySandboxApp;
import io.tongbao.sandbox.wechatpay.SandboxApiBase;
import io.tongbao.sandbox.wechatpay.WechatSandboxMerchant;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A host (Tongbao's demo profile) registers its merchant in-process, keeping its ids across restarts. */
@SandboxTest
class HostRegistrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox alipay;

    @Autowired
    WechatPaySandbox wechatPay;

    @Test
    void aHostKeepsItsAlipayAppIdAndReplacingTheKeyRetiresTheOldOne() throws Exception {
        KeyPair first = AlipaySandboxApp.newKeyPair();
        AlipaySandbox.Credentials registered = alipay.registerApp(
                "2021000000000042",
                Base64.getEncoder().encodeToString(first.getPublic().getEncoded()));
        assertThat(registered.appId()).isEqualTo("2021000000000042");
        DefaultAlipayClient oldClient = client(registered, first);
        assertThat(oldClient.execute(precreate()).isSuccess()).isTrue();

        KeyPair second = AlipaySandboxApp.newKeyPair();
        AlipaySandbox.Credentials again = alipay.registerApp(
                "2021000000000042",
                Base64.getEncoder().encodeToString(second.getPublic().getEncoded()));
        assertThat(again.sellerId()).isEqualTo(registered.sellerId());
        assertThat(client(again, second).execute(precreate()).isSuccess()).isTrue();
        assertThat(oldClient.execute(precreate()).getSubCode()).isEqualTo("isv.invalid-signature");
    }

    @Test
    void aHostKeepsItsMchidAndApiV3Key() {
        KeyPair keys = WechatSandboxMerchant.newKeyPair();
        String apiV3Key = "0123456789abcdefghijABCDEFGHIJ01";
        WechatPaySandbox.Credentials registered = wechatPay.registerMerchant(
                "1900000042",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "DEMO-SERIAL",
                WechatPaySandbox.KeyMode.PUBLIC_KEY,
                List.of("wxdemo0000000042"),
                apiV3Key);
        assertThat(registered.mchid()).isEqualTo("1900000042");
        assertThat(registered.apiV3Key()).isEqualTo(apiV3Key);

        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId("1900000042")
                .privateKey(keys.getPrivate())
                .merchantSerialNumber("DEMO-SERIAL")
                .publicKeyId(registered.wechatpayPublicKeyId())
                .publicKey(registered.wechatpayPublicKeyPem())
                .apiV3Key(apiV3Key)
                .build();
        NativePayService nativePay = new NativePayService.Builder()
                .httpClient(SandboxApiBase.of(
                        new DefaultHttpClientBuilder()
                                .config(config)
                                .okHttpClient(WechatSandboxMerchant.okHttp())
                                .build(),
                        SandboxApiBase.apiBaseUrl(port)))
                .build();
        PrepayRequest request = new PrepayRequest();
        request.setAppid("wxdemo0000000042");
        request.setMchid("1900000042");
        request.setDescription("demo");
        request.setOutTradeNo("DEMO" + System.nanoTime());
        request.setNotifyUrl("http://127.0.0.1:" + port + "/test-inbox/demo");
        Amount amount = new Amount();
        amount.setTotal(1);
        request.setAmount(amount);
        assertThat(nativePay.prepay(request).getCodeUrl()).contains("/sandbox/cashier/wechatpay/");
    }

    private DefaultAlipayClient client(AlipaySandbox.Credentials credentials, KeyPair keys) {
        return AlipaySandboxApp.client(
                "http://127.0.0.1:" + port + "/sandbox/alipay/gateway.do",
                credentials.appId(),
                Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                credentials.alipayPublicKey(),
                "RSA2");
    }

    private static AlipayTradePrecreateRequest precreate() {
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizContent(
                "{\"out_trade_no\":\"H" + System.nanoTime() + "\",\"total_amount\":\"1.00\",\"subject\":\"demo\"}");
        return request;
    }
}
