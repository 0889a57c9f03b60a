package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The pay test over HTTP, with the sandbox mounted: a merchant owner creates a payment as one of its apps, sees its
 * QR code and its status turn from pending to paid once the sandbox buyer pays; other merchants see none of it and
 * cannot use its app; the overview counts the payment for its merchant only.
 */
@EndToEnd
@TongbaoTest
@TestPropertySource(properties = "tongbao.sandbox.enabled=true")
class PayTestConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    OperatorClient operator;
    ConsoleUsers users;
    PayTestShop shopA;
    PayTestShop shopB;

    @BeforeEach
    void setUp() {
        operator = new OperatorClient(port, jdbc, passwords);
        users = new ConsoleUsers(jdbc, passwords);
        shopA = PayTestShop.open(operator, "pay test shop A");
        shopB = PayTestShop.open(operator, "pay test shop B");
    }

    @Test
    void anOwnerCreatesATestPaymentSeesItsQrCodeAndSeesItPaidOnceTheBuyerPays() {
        ConsoleSession owner = loggedIn(Role.OWNER, shopA.merchantId());
        HttpResponse<String> form = owner.get("/console/pay-test?lang=en");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(shopA.appId()).doesNotContain(shopB.appId());

        HttpResponse<String> created = owner.post("/console/pay-test", order(shopA.appId(), "ALIPAY_QR", "12.34"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String paymentId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(paymentId).startsWith("pay_");
        Map<String, Object> row = jdbc.sql(
                        "select app_id, amount, out_trade_no, pay_way from payment_order where id = :id")
                .param("id", paymentId)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("app_id", shopA.appId())
                .containsEntry("amount", 1234L)
                .containsEntry("pay_way", "ALIPAY_QR");
        assertThat((String) row.get("out_trade_no")).startsWith("test-");
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where action = 'payment.pay_test.created' and target_id = :id"
                                        + " and merchant_id = :merchant")
                        .param("id", paymentId)
                        .param("merchant", shopA.merchantId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        HttpResponse<String> result = owner.get("/console/pay-test/" + paymentId);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body())
                .contains("<svg", "class=\"qr\"", "¥12.34", "The test payment is created")
                .contains("hx-trigger=\"every 2s\"");
        String cashier = PayTestShop.cashierLink(result.body());
        assertThat(cashier).contains("/sandbox/cashier/alipay/");
        HttpResponse<String> pending = owner.get("/console/pay-test/" + paymentId + "/status");
        assertThat(pending.body())
                .contains("data-status=\"PENDING\"", "hx-trigger=\"every 2s\"", "Pending")
                .doesNotContain("<html");

        PayTestShop.buyerPays(operator, cashier);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(owner.get("/console/pay-test/" + paymentId + "/status")
                                .body())
                        .contains("data-status=\"PAID\"", "status-paid", "Paid")
                        .contains("hx-swap-oob", "Paid: nothing is left for the buyer to pay.")
                        .doesNotContain("hx-trigger"));

        String overview = owner.get("/console/").body();
        assertThat(overview)
                .contains("id=\"figure-today-paid\"")
                .contains("¥12.34")
                .contains("data-chart=");
        assertThat(loggedIn(Role.OWNER, shopB.merchantId()).get("/console/").body())
                .doesNotContain("¥12.34");
    }

    @Test
    void anotherMerchantsUserGetsNotFoundForThePayTestAndNeverItsData() {
        ConsoleSession owner = loggedIn(Role.OWNER, shopA.merchantId());
        owner.get("/console/pay-test");
        String location = owner.post("/console/pay-test", order(shopA.appId(), "ALIPAY_QR", "5.00"))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String paymentId = location.substring(location.lastIndexOf('/') + 1);

        ConsoleSession other = loggedIn(Role.DEVELOPER, shopB.merchantId());
        for (String path :
                new String[] {"/console/pay-test/" + paymentId, "/console/pay-test/" + paymentId + "/status"}) {
            HttpResponse<String> answer = other.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(paymentId).doesNotContain(shopA.appId());
        }
        assertThat(other.get("/console/pay-test/pay_doesnotexist").statusCode()).isEqualTo(404);
    }

    @Test
    void anAppOfAnotherMerchantCannotBeChosenAndNothingIsCreated() {
        ConsoleSession other = loggedIn(Role.OWNER, shopB.merchantId());
        other.get("/console/pay-test?lang=en");
        HttpResponse<String> refused = other.post("/console/pay-test", order(shopA.appId(), "ALIPAY_QR", "7.00"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("is-invalid").contains("Choose one of your active apps.");
        assertThat(paymentsOf(shopA.appId())).isZero();
    }

    @Test
    void aFormWithAnInexactAmountOrAMissingAuthCodeIsRefusedBesideTheFieldAndCreatesNothing() {
        ConsoleSession owner = loggedIn(Role.DEVELOPER, shopA.merchantId());
        owner.get("/console/pay-test?lang=en");
        HttpResponse<String> inexact = owner.post("/console/pay-test", order(shopA.appId(), "ALIPAY_QR", "0.001"));
        assertThat(inexact.statusCode()).isEqualTo(200);
        assertThat(inexact.body()).contains("Type a positive amount in yuan with at most two decimals");

        Map<String, String> barcode = order(shopA.appId(), "ALIPAY_BARCODE", "1.00");
        barcode.put("auth_code", "12");
        assertThat(owner.post("/console/pay-test", barcode).body())
                .contains("This pay way needs the 16 to 24 digits of the buyer");
        assertThat(paymentsOf(shopA.appId())).isZero();
    }

    @Test
    void staffWithoutThePayTestActionIsRefused() {
        ConsoleSession finance = loggedIn(Role.MERCHANT_FINANCE, shopA.merchantId());
        assertThat(finance.get("/console/pay-test").statusCode()).isEqualTo(403);
        finance.get("/console/");
        assertThat(finance.post("/console/pay-test", order(shopA.appId(), "ALIPAY_QR", "1.00"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(paymentsOf(shopA.appId())).isZero();
    }

    private long paymentsOf(String appId) {
        return jdbc.sql("select count(*) from payment_order where app_id = :app")
                .param("app", appId)
                .query(Long.class)
                .single();
    }

    private ConsoleSession loggedIn(Role role, String merchantId) {
        ConsoleSession session = new ConsoleSession(port);
        session.login(users.create(role, merchantId), ConsoleUsers.PASSWORD);
        return session;
    }

    private static Map<String, String> order(String appId, String payWay, String amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("app_id", appId);
        form.put("pay_way", payWay);
        form.put("amount", amount);
        form.put("subject", "console pay test");
        return form;
    }
}
