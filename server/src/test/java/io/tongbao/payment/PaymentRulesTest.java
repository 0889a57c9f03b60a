package io.tongbao.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * What the merchant API adds to the payment module's rules: the answer over the wire, refusals in its shape, one
 * merchant never seeing another's payments. With a channel faked in the test; the rules themselves are
 * {@link PaymentModuleTest}'s, and the real channels are driven end to end against the sandbox elsewhere.
 */
@TongbaoTest
@Import(FakeChannelGateways.class)
@TestPropertySource(properties = "tongbao.channels.enabled=false")
class PaymentRulesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    PaymentApi payments;

    @BeforeEach
    void onboard() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("payment rules merchant"));
        operator.configureChannels(app.appId());
        // so that the answers carry a fee too
        operator.put("/api/operator/apps/" + app.appId() + "/fee-rates", Map.of("rates", Map.of("ALIPAY_QR", 6000)));
        payments = operator.sdk(app).payments();
    }

    /** The unified order answers from what it wrote, without reading it back: it must be what a GET then shows. */
    @Test
    void theUnifiedOrdersAnswerIsExactlyWhatAGetThenReturns() {
        PaymentApi.Payment created = payments.create(PaymentRequest.of(no(), 2500, "会员", "ALIPAY_QR"));

        assertThat(payments.get(created.id())).usingRecursiveComparison().isEqualTo(created);
    }

    @Test
    void anotherMerchantsPaymentIsNotFound() {
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 100, "mine", "ALIPAY_QR"));
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        TongbaoClient stranger = operator.sdk(operator.createHmacApp(operator.createMerchant("stranger")));

        assertThatThrownBy(() -> stranger.payments().get(payment.id())).isInstanceOf(TongbaoException.NotFound.class);
        assertThatThrownBy(() -> stranger.payments().close(payment.id())).isInstanceOf(TongbaoException.NotFound.class);
    }

    @Test
    void invalidOrdersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(no(), 0, "zero", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> payments.create(PaymentRequest.of(no(), 100, "no openid", "WECHAT_JSAPI")))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("openid");
        assertThatThrownBy(() -> payments.create(PaymentRequest.of("bad no!", 100, "x", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("out_trade_no");
    }

    private static String no() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
