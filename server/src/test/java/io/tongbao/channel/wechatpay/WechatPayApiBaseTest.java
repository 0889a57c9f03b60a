package io.tongbao.channel.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WechatPayApiBaseTest {

    private final WechatPayApiBase sandbox = new WechatPayApiBase(null, "http://localhost:8080/sandbox/wechatpay/");

    @Test
    void movesWechatPaysUrlsOntoTheBaseKeepingTheRawPathAndQuery() {
        assertThat(sandbox.rebase(
                        "https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/A%2FB?mchid=1900000001"))
                .isEqualTo(
                        "http://localhost:8080/sandbox/wechatpay/v3/pay/transactions/out-trade-no/A%2FB?mchid=1900000001");
        assertThat(sandbox.rebase("https://api.mch.weixin.qq.com/v3/certificates?algorithm_type=RSA"))
                .isEqualTo("http://localhost:8080/sandbox/wechatpay/v3/certificates?algorithm_type=RSA");
    }

    @Test
    void leavesUrlsOnOtherHostsAlone() {
        String billLink = "http://localhost:8080/sandbox/wechatpay/v3/billdownload/file?token=abc";
        assertThat(sandbox.rebase(billLink)).isEqualTo(billLink);
    }

    @Test
    void onlyWechatPaysOwnHostWithoutAPathIsUsedAsItIs() {
        assertThat(WechatPayClients.isWechatPay("https://api.mch.weixin.qq.com"))
                .isTrue();
        assertThat(WechatPayClients.isWechatPay("https://api.mch.weixin.qq.com/"))
                .isTrue();
        assertThat(WechatPayClients.isWechatPay("http://localhost:8080/sandbox/wechatpay"))
                .isFalse();
    }
}
