package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.ledger.LedgerAuditor;
import io.tongbao.platform.Role;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import io.tongbao.support.WebhookReceiver;
import io.tongbao.webhook.WebhookQueries;
import io.tongbao.webhook.WebhookQueries.DeliveryFilter;
import io.tongbao.webhook.WebhookQueries.DeliveryRow;
import io.tongbao.webhook.WebhookQueries.DeliveryStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's webhook, call log and ledger pages over HTTP: a merchant's staff see their own merchant's deliveries,
 * calls and accounts and never another's (404 for its objects, absent from lists), resending is scheduled once and
 * audited, no filter a URL can hold makes a 500, and the ledger auditor's result is shown to operators.
 */
@TongbaoTest
@TestPropertySource(
        properties = {
            "tongbao.channels.enabled=false",
            "tongbao.webhooks.dispatcher-enabled=true",
            "tongbao.webhooks.allow-private-targets=true",
            "tongbao.webhooks.poll-interval=PT0.2S"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookLedgerConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    WebhookQueries webhooks;

    @Autowired
    LedgerAuditor auditor;

    WebhookReceiver receiver;
    LedgerMerchant merchantA;
    LedgerMerchant merchantB;
    DeliveryRow deliveryA;
    DeliveryRow deliveryB;
    ConsoleUsers users;

    @BeforeAll
    void twoMerchantsWithLedgerTransfersSentAsWebhooks() {
        receiver = new WebhookReceiver();
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        merchantA = LedgerMerchant.onboard(operator, receiver.url()).subscribeToTransfers();
        merchantB = LedgerMerchant.onboard(operator, receiver.url()).subscribeToTransfers();
        merchantA.issue("issue-a", merchantA.alice(), 1_000);
        merchantB.issue("issue-b", merchantB.alice(), 2_000);
        deliveryA = delivered(merchantA);
        deliveryB = delivered(merchantB);
        users = new ConsoleUsers(jdbc, passwords);
    }

    @AfterAll
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aMerchantsStaffSeeTheirOwnDeliveriesCallsAndAccountsAndNeverAnothers() {
        ConsoleSession owner = login(Role.OWNER, merchantA.app().merchantId());

        HttpResponse<String> deliveries = owner.get("/console/webhooks");
        assertThat(deliveries.statusCode()).isEqualTo(200);
        assertThat(deliveries.body()).contains(deliveryA.deliveryId()).doesNotContain(deliveryB.deliveryId());
        assertThat(owner.get("/console/webhooks?app=" + merchantB.app().appId()).body())
                .doesNotContain(deliveryB.deliveryId());
        HttpResponse<String> othersDelivery = owner.get("/console/webhooks/" + deliveryB.deliveryId());
        assertThat(othersDelivery.statusCode()).isEqualTo(404);
        assertThat(othersDelivery.body()).doesNotContain(deliveryB.eventId()).doesNotContain(merchantB.alice());
        HttpResponse<String> ownDelivery = owner.get("/console/webhooks/" + deliveryA.deliveryId());
        assertThat(ownDelivery.statusCode()).isEqualTo(200);
        assertThat(ownDelivery.body()).contains(deliveryA.eventId()).contains("&quot;issue-a&quot;");

        HttpResponse<String> calls = owner.get("/console/calls");
        assertThat(calls.statusCode()).isEqualTo(200);
        assertThat(calls.body())
                .contains(merchantA.app().appId())
                .doesNotContain(merchantB.app().appId())
                .contains("data-chart=");

        HttpResponse<String> ledger = owner.get("/console/ledger");
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(ledger.body()).contains(merchantA.alice()).doesNotContain(merchantB.alice());
        assertThat(owner.get("/console/ledger?merchant=" + merchantB.app().merchantId())
                        .body())
                .doesNotContain(merchantB.alice());
        HttpResponse<String> othersAccount = owner.get("/console/ledger/accounts/" + merchantB.alice());
        assertThat(othersAccount.statusCode()).isEqualTo(404);
        assertThat(othersAccount.body()).doesNotContain("issue-b");
        HttpResponse<String> ownAccount = owner.get("/console/ledger/accounts/" + merchantA.alice());
        assertThat(ownAccount.statusCode()).isEqualTo(200);
        assertThat(ownAccount.body()).contains("issue-a").contains("10.00");

        ConsoleSession operator = login(Role.SUPPORT, null);
        assertThat(operator.get("/console/webhooks").body())
                .contains(deliveryA.deliveryId())
                .contains(deliveryB.deliveryId());
        assertThat(operator.get("/console/ledger").body())
                .contains(merchantA.alice())
                .contains(merchantB.alice());
        assertThat(operator.get("/console/ledger/accounts/" + merchantB.alice()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void resendingSelectedDeliveriesSchedulesEachOnceAndIsAudited() {
        ConsoleSession developer = login(Role.DEVELOPER, merchantA.app().merchantId());
        developer.get("/console/webhooks");
        int before = receiver.receivedFor(deliveryA.eventId()).size();

        // A's delivery twice and B's: B's is not A's to resend
        HttpResponse<String> resent = developer.post(
                "/console/webhooks/resend",
                Map.of(
                        "ids",
                        String.join(",", deliveryA.deliveryId(), deliveryA.deliveryId(), deliveryB.deliveryId()),
                        "back",
                        "/console/webhooks?status=SUCCEEDED"));

        assertThat(resent.statusCode()).isEqualTo(302);
        assertThat(resent.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/webhooks?status=SUCCEEDED"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.receivedFor(deliveryA.eventId()).size() == before + 1
                        && statusOf(merchantA, deliveryA.deliveryId()) == DeliveryStatus.SUCCEEDED);
        assertThat(receiver.receivedFor(deliveryB.eventId())).hasSize(1);
        assertThat(jdbc.sql("""
                        select target_id, merchant_id, actor from audit_entry
                        where action = 'webhook_delivery.resent' order by seq""")
                        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .list())
                .hasSize(1)
                .first()
                .satisfies(entry -> assertThat(entry)
                        .startsWith(deliveryA.deliveryId(), merchantA.app().merchantId()));

        // the page says what happened; nothing selected is said too, and a support operator may not resend
        assertThat(developer.get("/console/webhooks?status=SUCCEEDED").body()).contains("id=\"resend-result\"");
        assertThat(developer.post("/console/webhooks/resend", Map.of()).statusCode())
                .isEqualTo(302);
        ConsoleSession finance = login(Role.MERCHANT_FINANCE, merchantA.app().merchantId());
        finance.get("/console/me");
        assertThat(finance.post("/console/webhooks/resend", Map.of("ids", deliveryA.deliveryId()))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void noFilterAUrlCanHoldMakesAnErrorPage() {
        ConsoleSession owner = login(Role.OWNER, merchantA.app().merchantId());
        List<String> urls = List.of(
                "/console/webhooks?status=BOGUS&from=yesterday&to=2026-13-45&cursor=%25%25%25&dir=sideways",
                "/console/webhooks?app=%00&type=%00&object=" + "x".repeat(5000),
                "/console/webhooks?from=0001-01-01&to=99999-01-01",
                "/console/webhooks?cursor=" + "QQ".repeat(40) + "&dir=previous",
                "/console/webhooks/%00",
                "/console/webhooks/" + "w".repeat(300),
                "/console/calls?status=abc&series=9xx&latency=-5&from=2026-02-30&path=%00",
                "/console/calls?status=99999999999&latency=99999999999&cursor=MjAyNi0xMi0wM1QwMDowMDowMFp8YQ",
                "/console/ledger?ownerKind=ALIEN&owner=%00&pointType=" + "p".repeat(500) + "&cursor=%E2%82",
                "/console/ledger/accounts/" + merchantA.alice() + "?cursor=1:99999999999999999999999",
                "/console/ledger/accounts/" + merchantA.alice() + "?cursor=-1:-5",
                "/console/ledger/accounts/%00",
                "/console/ledger/accounts/" + "a".repeat(300));
        for (String url : urls) {
            HttpResponse<String> page = owner.get(url);
            assertThat(page.statusCode()).as(url).isIn(200, 400, 404);
        }
        HttpResponse<String> marked = owner.get("/console/webhooks?status=BOGUS&from=yesterday");
        assertThat(marked.body()).contains("is-invalid");
    }

    @Test
    void anOperatorRunsTheAuditorAndSeesWhatItFound() {
        ConsoleSession auditorUser = login(Role.AUDITOR, null);
        assertThat(auditorUser.get("/console/ledger").body()).contains("id=\"run-audit\"");

        HttpResponse<String> report = auditorUser.post("/console/ledger/audit", Map.of());

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("id=\"audit-outcome\"")
                .contains("status-ok")
                .contains(auditor.audit().chainRoot());

        ConsoleSession owner = login(Role.OWNER, merchantA.app().merchantId());
        assertThat(owner.get("/console/ledger").body()).doesNotContain("id=\"run-audit\"");
        assertThat(owner.post("/console/ledger/audit", Map.of()).statusCode()).isEqualTo(403);
    }

    private ConsoleSession login(Role role, String merchantId) {
        ConsoleSession session = new ConsoleSession(port);
        session.login(users.create(role, merchantId), ConsoleUsers.PASSWORD);
        return session;
    }

    private DeliveryRow delivered(LedgerMerchant merchant) {
        MerchantId scope = MerchantId.of(merchant.app().merchantId());
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> webhooks.deliveries(
                                        new DeliveryFilter(
                                                scope, null, DeliveryStatus.SUCCEEDED, null, null, null, null),
                                        PageRequest.first(10))
                                .rows(),
                        rows -> !rows.isEmpty())
                .getFirst();
    }

    private DeliveryStatus statusOf(LedgerMerchant merchant, String deliveryId) {
        return webhooks.delivery(MerchantId.of(merchant.app().merchantId()), deliveryId)
                .orElseThrow()
                .delivery()
                .status();
    }
}
