package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.payment.FakeChannelGateways;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.platform.Role;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.TestEndpoints;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The payment pages over HTTP: a merchant sees its own payments, refunds and exceptions and nothing of another's;
 * filters work and garbage in them is refused with a page, never a 500; refunds from the console (an operator's at
 * once or with a second operator's approval, a merchant's own) are made once and audited; merchant strings are
 * escaped. On a database of its own: the channel accounts it configures are sealed under this context's master key,
 * which another context's re-sealing could not read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import({TestEndpoints.class, FakeChannelGateways.class})
@TestPropertySource(properties = "tongbao.channels.enabled=false")
class PaymentPagesTest {

    static final String XSS = "<script>alert(1)</script>";

    /** Made once for the class: onboarding generates RSA keys, which is slow. */
    static ConsolePaymentShop shopA;

    static ConsolePaymentShop shopB;
    static PaymentApi.Payment paidA;
    static PaymentApi.Payment paidB;
    static PaymentApi.Payment closedB;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ChannelNotifications notifications;

    ConsoleUsers users;

    @BeforeEach
    void shops() {
        users = new ConsoleUsers(jdbc, passwords);
        if (shopA == null) {
            OperatorClient operator = new OperatorClient(port, jdbc, passwords);
            shopA = ConsolePaymentShop.open(operator, jdbc, notifications);
            shopB = ConsolePaymentShop.open(operator, jdbc, notifications);
            paidA = shopA.paid(1234, "A 的会员月卡");
            paidB = shopB.paid(5678, "B secret subject");
            closedB = shopB.paidAfterClose(999, "B closed subject");
        }
    }

    @Test
    void aMerchantUserNeverSeesAnotherMerchantsPaymentsRefundsOrExceptions() {
        ConsoleSession owner = login(Role.OWNER, shopA.merchantId);
        ConsoleSession operator = login(Role.ADMIN, null);
        // B has a refund and an exception of its own
        refund(operator, paidB.id(), "1.00", "B's refund");

        HttpResponse<String> detail = owner.get("/console/payments/" + paidB.id());
        assertThat(detail.statusCode()).isEqualTo(404);
        assertThat(owner.get("/console/payments/" + closedB.id()).statusCode()).isEqualTo(404);
        assertThat(owner.get("/console/payments/pay_%00").statusCode()).isIn(400, 404);
        List<String> pages = List.of(
                "/console/payments",
                "/console/payments?merchant=" + shopB.merchantId,
                "/console/refunds",
                "/console/refunds?merchant=" + shopB.merchantId,
                "/console/exceptions",
                "/console/exceptions?merchant=" + shopB.merchantId);
        for (String page : pages) {
            HttpResponse<String> answer = owner.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body())
                    .as(page)
                    .doesNotContain(paidB.id(), paidB.outTradeNo(), "B secret subject", "B closed subject")
                    .doesNotContain(closedB.id(), closedB.outTradeNo(), shopB.merchantId);
        }
        // asked for by B's own numbers (which the filter bar shows back): nothing of B's
        List<String> searches = List.of(
                "/console/payments?id=" + paidB.id(),
                "/console/payments?out_trade_no=" + paidB.outTradeNo(),
                "/console/refunds?payment=" + paidB.id());
        for (String page : searches) {
            HttpResponse<String> answer = owner.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body())
                    .as(page)
                    .contains("id=\"empty\"")
                    .doesNotContain("B secret subject", "B closed subject", closedB.id(), shopB.merchantId);
        }
        assertThat(detail.body()).doesNotContain("B secret subject", paidB.outTradeNo(), shopB.merchantId);
        assertThat(owner.get("/console/payments").body()).contains(paidA.id(), "A 的会员月卡");
        // nor refund it
        HttpResponse<String> refund = owner.post(
                "/console/payments/" + paidB.id() + "/refunds", Map.of("amount", "1.00", "reason", "not mine"));
        assertThat(refund.statusCode()).isEqualTo(404);
        assertThat(refundsOf(paidB.id())).isEqualTo(1);
        // the operator sees both
        assertThat(operator.get("/console/payments").body()).contains(paidA.id(), paidB.id());
        assertThat(operator.get("/console/exceptions").body()).contains(closedB.id());
    }

    @Test
    void filtersNarrowTheListAndStayInTheAddress() {
        ConsoleSession operator = login(Role.FINANCE, null);

        String byOutTradeNo = operator.get("/console/payments?out_trade_no=" + paidA.outTradeNo())
                .body();
        assertThat(byOutTradeNo).contains(paidA.id()).doesNotContain(paidB.id());
        String byMerchant =
                operator.get("/console/payments?merchant=" + shopB.merchantId).body();
        assertThat(byMerchant).contains(paidB.id(), closedB.id()).doesNotContain(paidA.id());
        String byAmount = operator.get("/console/payments?amount_min=12.34&amount_max=12.34")
                .body();
        assertThat(byAmount).contains(paidA.id()).doesNotContain(paidB.id());
        String byStatus = operator.get("/console/payments?status=CLOSED&merchant=" + shopB.merchantId)
                .body();
        assertThat(byStatus).contains(closedB.id()).doesNotContain(paidB.id());
        // as the filter bar sends it: every field, the empty ones blank
        assertThat(operator.get("/console/payments?id=&out_trade_no=&channel_trade_no=&merchant=&app=&pay_way=&status="
                                + "&from=&to=&amount_min=&amount_max=12.34")
                        .body())
                .contains(paidA.id())
                .doesNotContain(paidB.id());
        assertThat(operator.get("/console/refunds?payment=&out_refund_no=&merchant=&app=&status=&from=&to=")
                        .statusCode())
                .isEqualTo(200);
        assertThat(operator.get("/console/exceptions?kind=&resolved=ALL&merchant=&from=&to=")
                        .body())
                .contains(closedB.id());
        String byPayWay =
                operator.get("/console/payments?pay_way=WECHAT_NATIVE").body();
        assertThat(byPayWay).doesNotContain(paidA.id()).contains("id=\"empty\"");
        String channelTradeNo = jdbc.sql("select channel_transaction_id from payment_attempt where payment_id = :p")
                .param("p", paidA.id())
                .query(String.class)
                .single();
        assertThat(operator.get("/console/payments?channel_trade_no=" + channelTradeNo)
                        .body())
                .contains(paidA.id())
                .doesNotContain(paidB.id());
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(operator.get("/console/payments?from=" + today + "&to=" + today)
                        .body())
                .contains(paidA.id());
        assertThat(operator.get("/console/payments?to=2001-01-01").body()).doesNotContain(paidA.id());
        // a merchant's own filter by merchant is ignored: its scope is its own
        ConsoleSession owner = login(Role.OWNER, shopA.merchantId);
        assertThat(owner.get("/console/payments?merchant=" + shopB.merchantId).body())
                .contains(paidA.id());
    }

    @Test
    void garbageInTheFiltersGivesAPageWithTheReasonNeverA500() {
        ConsoleSession operator = login(Role.SUPPORT, null);
        operator.get("/console/payments?lang=en");

        HttpResponse<String> amount = operator.get("/console/payments?amount_min=abc");
        assertThat(amount.statusCode()).isEqualTo(400);
        assertThat(amount.body()).contains("Type an amount in yuan").contains("is-invalid");
        for (String garbage : List.of("12.345", "-1", "1e3", "%00", "99999999999999999999")) {
            assertThat(operator.get("/console/payments?amount_max=" + garbage).statusCode())
                    .as(garbage)
                    .isEqualTo(400);
        }
        HttpResponse<String> date = operator.get("/console/payments?from=x");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("Type a date as 2026-12-03");
        assertThat(operator.get("/console/payments?pay_way=NOPE").statusCode()).isEqualTo(400);
        assertThat(operator.get("/console/payments?cursor=%25%25%25").statusCode())
                .isEqualTo(200);
        for (String path : List.of(
                "/console/payments?cursor=%25%25%25&dir=previous",
                "/console/payments?id=%00&out_trade_no=%00&channel_trade_no=%00&app=%00&merchant=%00",
                "/console/refunds?cursor=%25%25%25&payment=%00&out_refund_no=%00",
                "/console/refunds?status=NOPE&from=x&to=2026-13-45",
                "/console/exceptions?cursor=%25%25%25&kind=%00&resolved=maybe&from=x",
                "/console/exceptions?kind=NOPE",
                "/console/payments/%25%25%25",
                "/console/payments/" + "x".repeat(5000))) {
            assertThat(operator.get(path).statusCode()).as(path).isIn(200, 400, 404);
        }
    }

    @Test
    void anOperatorsRefundIsMadeAtOnceBelowTheThresholdAndWithAnotherOperatorsApprovalFromIt() {
        PaymentApi.Payment payment = shopA.paid(500_000, "big order");
        ConsoleSession alice = login(Role.FINANCE, null);
        ConsoleSession bob = login(Role.ADMIN, null);
        alice.get("/console/payments?lang=en");

        // below ¥1,000.00: at once, audited
        assertThat(refund(alice, payment.id(), "10.50", "goods returned"))
                .contains("The refund is made")
                .doesNotContain("is-invalid");
        assertThat(refundsOf(payment.id())).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry
                        where action = 'refund.created' and actor = :actor and merchant_id = :merchant""")
                        .param("actor", username(alice))
                        .param("merchant", shopA.merchantId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // from ¥1,000.00: it waits, the page says so
        String detail = refund(alice, payment.id(), "1500.00", "wrong size");
        assertThat(detail).contains("it waits for a second operator").contains("id=\"approval-note\"");
        assertThat(refundsOf(payment.id())).isEqualTo(1);
        String request = jdbc.sql("select id from refund_approval where payment_id = :p and status = 'PENDING'")
                .param("p", payment.id())
                .query(String.class)
                .single();
        assertThat(alice.get("/console/refunds/approvals").body()).contains(payment.id(), "¥1,500.00");

        // the same operator cannot approve it
        String refused = follow(alice, alice.post("/console/refunds/approvals/" + request + "/approve", Map.of()));
        assertThat(refused).contains("You asked for this refund");
        assertThat(refundsOf(payment.id())).isEqualTo(1);

        // another operator does, once
        String approved = follow(bob, bob.post("/console/refunds/approvals/" + request + "/approve", Map.of()));
        assertThat(approved).doesNotContain(request);
        assertThat(refundsOf(payment.id())).isEqualTo(2);
        ConsoleSession carol = login(Role.ADMIN, null);
        carol.get("/console/refunds/approvals?lang=en");
        assertThat(follow(carol, carol.post("/console/refunds/approvals/" + request + "/approve", Map.of())))
                .contains("Someone approved or rejected this request already");
        assertThat(refundsOf(payment.id())).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_entry where target_id = :r")
                        .param("r", request)
                        .query(Long.class)
                        .single())
                .isEqualTo(2); // requested, approved
        assertThat(alice.get("/console/refunds?payment=" + payment.id()).body()).contains("¥10.50", "¥1,500.00");
        // an amount above what is left, or garbage, is refused beside the field and nothing is made
        assertThat(refund(alice, payment.id(), "4000.00", "too much"))
                .contains("That is more than is left to refund")
                .contains("is-invalid");
        assertThat(refund(alice, payment.id(), "abc", "garbage")).contains("Type an amount in yuan");
        assertThat(refund(alice, payment.id(), "1.00", " ")).contains("Say why the money goes back");
        assertThat(refundsOf(payment.id())).isEqualTo(2);
        assertThat(login(Role.SUPPORT, null)
                        .post("/console/payments/" + payment.id() + "/refunds", Map.of("amount", "1", "reason", "x"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void merchantStaffRefundTheirOwnPaymentsThroughThePaymentModuleAndTheRefundIsAudited() {
        PaymentApi.Payment payment = shopA.paid(2_000, "small order");
        ConsoleSession finance = login(Role.MERCHANT_FINANCE, shopA.merchantId);
        finance.get("/console/payments?lang=en");

        assertThat(refund(finance, payment.id(), "¥ 5.00", "returned")).contains("The refund is made");
        String outRefundNo = jdbc.sql("select out_refund_no from refund where payment_id = :p")
                .param("p", payment.id())
                .query(String.class)
                .single();
        assertThat(outRefundNo).startsWith("con_");
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'refund.created' and actor = :actor
                          and merchant_id = :merchant""")
                        .param("actor", username(finance))
                        .param("merchant", shopA.merchantId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(refund(finance, payment.id(), "15.01", "too much")).contains("That is more than is left");
        assertThat(refundsOf(payment.id())).isEqualTo(1);
        // staff without REFUND_CREATE are refused
        assertThat(login(Role.STAFF, shopA.merchantId)
                        .post("/console/payments/" + payment.id() + "/refunds", Map.of("amount", "1", "reason", "x"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theSameRefundFormSentTwiceRefundsOnce() {
        PaymentApi.Payment payment = shopA.paid(3_000, "double click");
        ConsoleSession finance = login(Role.MERCHANT_FINANCE, shopA.merchantId);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"refund_key\" value=\"([a-z0-9]{24})\"")
                .matcher(finance.get("/console/payments/" + payment.id()).body());
        assertThat(key.find()).as("the refund form carries its key").isTrue();
        Map<String, String> form = Map.of("amount", "2.00", "reason", "double click", "refund_key", key.group(1));
        finance.post("/console/payments/" + payment.id() + "/refunds", form);
        finance.get("/console/payments/" + payment.id());
        finance.post("/console/payments/" + payment.id() + "/refunds", form);
        assertThat(refundsOf(payment.id())).isEqualTo(1);

        ConsoleSession operator = login(Role.ADMIN, null);
        operator.get("/console/payments/" + payment.id());
        Map<String, String> operatorForm =
                Map.of("amount", "3.00", "reason", "operator double click", "refund_key", "k".repeat(24));
        operator.post("/console/payments/" + payment.id() + "/refunds", operatorForm);
        operator.get("/console/payments/" + payment.id());
        operator.post("/console/payments/" + payment.id() + "/refunds", operatorForm);
        assertThat(refundsOf(payment.id())).isEqualTo(2);
    }

    @Test
    void merchantStringsAreEscapedInTheListAndTheDetail() {
        PaymentApi.Payment payment = shopA.paid(100, XSS);
        ConsoleSession owner = login(Role.OWNER, shopA.merchantId);

        for (String page : List.of("/console/payments", "/console/payments/" + payment.id())) {
            String html = owner.get(page).body();
            assertThat(html).as(page).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }

    @Test
    void anExceptionIsResolvedOnceAndAudited() {
        PaymentApi.Payment payment = shopA.paidAfterClose(300, "late money");
        String exception = jdbc.sql("select id from payment_exception where payment_id = :p")
                .param("p", payment.id())
                .query(String.class)
                .single();
        ConsoleSession finance = login(Role.FINANCE, null);
        finance.get("/console/exceptions?lang=en");
        assertThat(finance.get("/console/exceptions?resolved=NO").body()).contains(exception);

        assertThat(follow(
                        finance,
                        finance.post(
                                "/console/exceptions/" + exception + "/accept", Map.of("note", "refunded by policy"))))
                .contains("The exception is resolved");
        assertThat(follow(
                        finance, finance.post("/console/exceptions/" + exception + "/accept", Map.of("note", "again"))))
                .contains("resolved already");
        assertThat(follow(finance, finance.post("/console/exceptions/" + exception + "/refund", Map.of())))
                .contains("resolved already");
        assertThat(finance.get("/console/exceptions?resolved=NO").body()).doesNotContain(exception);
        assertThat(finance.get("/console/exceptions?resolved=YES").body()).contains(exception, "refunded by policy");
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where target_id = :e and action = 'payment_exception.accepted'")
                        .param("e", exception)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // merchants view but do not resolve
        ConsoleSession owner = login(Role.OWNER, shopA.merchantId);
        assertThat(owner.get("/console/exceptions").body()).contains(exception);
        assertThat(owner.post("/console/exceptions/" + exception + "/accept", Map.of("note", "x"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void thePaymentPageShowsItsTimelineWithTheWebhookDeliveriesOldestFirst() {
        ConsoleSession operator = login(Role.AUDITOR, null);
        operator.get("/console/payments?lang=en");

        String html = operator.get("/console/payments/" + paidA.id()).body();

        assertThat(html).contains("Payment created", "Attempt opened at the channel", "Paid at the channel");
        assertThat(html.indexOf("Payment created")).isLessThan(html.indexOf("Paid at the channel"));
        assertThat(html).contains("Webhook queued", "/console/webhooks/");
        assertThat(html).contains("Alipay trade no.", "trade_no", "out_trade_no", paidA.outTradeNo());
        // an auditor may look but not refund: no form
        assertThat(html).doesNotContain("id=\"refund-form\"");
    }

    // ---- helpers

    private ConsoleSession login(Role role, String merchantId) {
        String username = users.create(role, merchantId);
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.login(username, ConsoleUsers.PASSWORD).statusCode()).isEqualTo(302);
        session.get("/console/me");
        USERS.put(session, username);
        return session;
    }

    private static final Map<ConsoleSession, String> USERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String username(ConsoleSession session) {
        return USERS.get(session);
    }

    /** Posts the refund form as the page has it and answers the page the console then shows. */
    private String refund(ConsoleSession session, String paymentId, String amount, String reason) {
        session.get("/console/payments/" + paymentId);
        HttpResponse<String> posted =
                session.post("/console/payments/" + paymentId + "/refunds", Map.of("amount", amount, "reason", reason));
        assertThat(posted.statusCode()).isEqualTo(302);
        return follow(session, posted);
    }

    private static String follow(ConsoleSession session, HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String path = location.replaceFirst("^https?://[^/]+", "");
        HttpResponse<String> page = session.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private int refundsOf(String paymentId) {
        return jdbc.sql("select count(*) from refund where payment_id = :p")
                .param("p", paymentId)
                .query(Integer.class)
                .single();
    }
}
