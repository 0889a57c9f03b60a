package io.tongbao.sandbox.cashier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.tongbao.sandbox.Http;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxTest;
import io.tongbao.sandbox.alipay.AlipaySandboxApp;
import io.tongbao.sandbox.wechatpay.WechatSandboxMerchant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SandboxTest
class CashierTest {

    @LocalServerPort
    int port;

    @Autowired
    SandboxClock clock;

    @Test
    void theAlipayCashierShowsTheOrderInChineseOrEnglishWithAScannableQrCode() throws Exception {
        AlipaySandboxApp app = AlipaySandboxApp.register(baseUrl());
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo());
        model.setTotalAmount("12.50");
        model.setSubject("<script>alert(1)</script>");
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        String qrCode = app.client().execute(request).getQrCode();

        String chinese = Http.get(qrCode).body();
        assertThat(chinese)
                .contains("通宝沙箱收银台", "¥ 12.50", "确认付款", "WAIT_BUYER_PAY")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>alert");
        assertThat(Http.get(qrCode + "?lang=en").body()).contains("Pay now", "Pay in 30 seconds", "¥ 12.50");

        HttpResponse<byte[]> png = Http.getBytes(
                baseUrl() + "/sandbox/cashier/qr.png?text=" + URLEncoder.encode(qrCode, StandardCharsets.UTF_8));
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(decodeQr(png.body())).isEqualTo(qrCode);
    }

    @Test
    void payingAtTheAlipayCashierReturnsToTheMerchantWithSignedParameters() throws Exception {
        AlipaySandboxApp app = AlipaySandboxApp.register(baseUrl());
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(outTradeNo());
        model.setTotalAmount("8.00");
        model.setSubject("PC");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setReturnUrl("https://merchant.example/return");
        String cashier = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        app.client().pageExecute(request, "GET").getBody()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .uri()
                .toString();

        String result = postForm(cashier, "action=pay&lang=zh-CN");

        assertThat(result).contains("付款成功");
        Matcher link = Pattern.compile("href=\"(https://merchant\\.example/return\\?[^\"]+)\"")
                .matcher(result);
        assertThat(link.find()).isTrue();
        Map<String, String> params = new HashMap<>();
        for (String pair : link.group(1).replace("&amp;", "&").split("\\?")[1].split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(params).containsEntry("out_trade_no", model.getOutTradeNo()).containsEntry("total_amount", "8.00");
        assertThat(AlipaySignature.rsaCheckV1(params, app.alipayPublicKey(), "UTF-8", "RSA2"))
                .isTrue();
    }

    @Test
    void theWechatCashierPaysANativeOrder() throws Exception {
        WechatSandboxMerchant merchant = WechatSandboxMerchant.register(port, "PUBLIC_KEY");
        NativePayService nativePay =
                new NativePayService.Builder().httpClient(merchant.httpClient()).build();
        PrepayRequest request = new PrepayRequest();
        String outTradeNo = outTradeNo();
        request.setAppid(merchant.appid());
        request.setMchid(merchant.mchid());
        request.setDescription("扫码点餐");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(baseUrl() + "/test-inbox/cashier");
        Amount amount = new Amount();
        amount.setTotal(2500);
        request.setAmount(amount);
        String codeUrl = nativePay.prepay(request).getCodeUrl();

        assertThat(Http.get(codeUrl + "?lang=en").body()).contains("WeChat Pay", "¥ 25.00", "扫码点餐", "NOTPAY");
        assertThat(postForm(codeUrl, "action=pay&lang=en")).contains("Payment succeeded");

        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(merchant.mchid());
        query.setOutTradeNo(outTradeNo);
        assertThat(nativePay.queryOrderByOutTradeNo(query).getTradeState().name())
                .isEqualTo("SUCCESS");
        assertThat(postForm(codeUrl, "action=pay&lang=en")).contains("Payment succeeded");
    }

    @Test
    void payLaterAtTheAlipayCashierPaysWhenThirtySecondsOfSandboxTimeHavePassed() throws Exception {
        AlipaySandboxApp app = AlipaySandboxApp.register(baseUrl());
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo());
        model.setTotalAmount("3.00");
        model.setSubject("later");
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        String qrCode = app.client().execute(request).getQrCode();

        assertThat(postForm(qrCode, "action=later&lang=en")).contains("Will pay in 30 seconds");
        assertThat(Http.get(qrCode).body()).contains("WAIT_BUYER_PAY");
        clock.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Http.get(qrCode).body().contains("TRADE_SUCCESS"));
        assertThat(postForm(qrCode, "action=fail")).contains("已放弃付款");
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
    }

    private static String postForm(String url, String form) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static String outTradeNo() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
