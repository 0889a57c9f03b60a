package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.LedgerApi;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.sdk.ledger.Batch;
import io.tongbao.sdk.ledger.BatchResult;
import io.tongbao.sdk.ledger.Conversion;
import io.tongbao.sdk.ledger.DailyTotal;
import io.tongbao.sdk.ledger.Hold;
import io.tongbao.sdk.ledger.HoldResolution;
import io.tongbao.sdk.ledger.NewAccount;
import io.tongbao.sdk.ledger.NewConversion;
import io.tongbao.sdk.ledger.NewHold;
import io.tongbao.sdk.ledger.NewPointType;
import io.tongbao.sdk.ledger.NewReason;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.sdk.ledger.PointType;
import io.tongbao.sdk.ledger.Reversal;
import io.tongbao.sdk.ledger.Statement;
import io.tongbao.sdk.ledger.Transfer;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The ledger as a merchant uses it: over signed HTTP, through the SDK. */
@TongbaoTest
class LedgerApiTest {

    static final int ISSUE = 100001;
    static final int WITHDRAWAL = 300001;
    static final int RED_PACKET = 300002;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    LedgerAuditor auditor;

    OperatorClient operator;
    LedgerApi ledger;
    PointType gold;
    String alice;
    String bob;

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        ledger = operator.sdk(operator.createHmacApp(operator.createMerchant("ledger merchant")))
                .ledger();
        gold = ledger.createPointType(new NewPointType("gold", "金币", 2));
        ledger.registerReason(NewReason.of(ISSUE, "issue points"));
        ledger.registerReason(new NewReason(WITHDRAWAL, "withdrawal succeeded", Set.of("USER"), Set.of("SYSTEM")));
        ledger.registerReason(NewReason.of(RED_PACKET, "red packet sent"));
        alice = ledger.openAccount(new NewAccount("gold", "USER", "alice")).accountId();
        bob = ledger.openAccount(new NewAccount("gold", "USER", "bob")).accountId();
    }

    @AfterEach
    void theAuditorPasses() {
        assertThat(auditor.audit().violations()).isEmpty();
    }

    Transfer issue(String id, String to, long amount) {
        return ledger.transfer(NewTransfer.of(id, "gold", gold.centralBank(), to, amount, ISSUE));
    }

    @Test
    void aPointTypeComesWithItsCentralBankAndSystemAccounts() {
        assertThat(gold.systemAccounts()).containsOnlyKeys("CENTRAL_BANK", "POOL", "WITHDRAWALS", "FEES", "EXCHANGE");
        assertThat(ledger.account(gold.centralBank()).mayGoNegative()).isTrue();
        assertThat(ledger.account(gold.systemAccounts().get("POOL")).mayGoNegative())
                .isFalse();
        assertThat(ledger.pointType("gold")).isEqualTo(gold);
        assertThat(ledger.openAccount(new NewAccount("gold", "USER", "alice")).accountId())
                .isEqualTo(alice);
        assertThat(ledger.accountOf("gold", "USER", "bob").accountId()).isEqualTo(bob);
    }

    @Test
    void issuedPointsMoveBetweenAccountsAndEveryBalanceIsExplainedByItsStatement() {
        issue("issue-1", alice, 10_000);
        ledger.transfer(new NewTransfer("rp-1", "gold", alice, bob, 2_500, RED_PACKET, "生日红包", Map.of("order", "o-9")));

        assertThat(ledger.account(alice).balance()).isEqualTo(7_500);
        assertThat(ledger.account(bob).available()).isEqualTo(2_500);
        assertThat(ledger.account(gold.centralBank()).balance()).isEqualTo(-10_000);
        Statement statement = ledger.statement(alice, 10, null);
        assertThat(statement.lines()).extracting(Statement.Line::transferId).containsExactly("rp-1", "issue-1");
        assertThat(statement.lines().get(0).balanceAfter()).isEqualTo(7_500);
        assertThat(statement.lines().get(0).counterparty()).isEqualTo(bob);
        assertThat(statement.lines().get(0).memo()).isEqualTo("生日红包");
        assertThat(ledger.transferById("rp-1").metadata()).containsEntry("order", "o-9");
        List<DailyTotal> totals = ledger.dailyTotals("gold", LocalDate.now(ZoneOffset.UTC), "UTC");
        assertThat(totals).extracting(DailyTotal::reason).contains(ISSUE, RED_PACKET);
    }

    @Test
    void theSameTransferIdAppliesOnceAndOtherContentUnderItIsAConflict() {
        issue("issue-1", alice, 1_000);
        Transfer first = ledger.transfer(NewTransfer.of("t-1", "gold", alice, bob, 100, RED_PACKET));
        Transfer again = ledger.transfer(NewTransfer.of("t-1", "gold", alice, bob, 100, RED_PACKET));

        assertThat(again).isEqualTo(first);
        assertThat(ledger.account(bob).balance()).isEqualTo(100);
        assertThatThrownBy(() -> ledger.transfer(NewTransfer.of("t-1", "gold", alice, bob, 200, RED_PACKET)))
                .isInstanceOf(TongbaoException.Conflict.class)
                .extracting("code")
                .isEqualTo("TRANSFER_ID_REUSED");
    }

    @Test
    void refusalsHaveTheirOwnCodes() {
        issue("issue-1", alice, 100);
        PointType silver = ledger.createPointType(new NewPointType("silver", "银币", 0));
        String aliceSilver =
                ledger.openAccount(new NewAccount("silver", "USER", "alice")).accountId();
        String carol =
                ledger.openAccount(new NewAccount("gold", "USER", "carol")).accountId();
        ledger.closeAccount(carol);

        expectRefusal(NewTransfer.of("x1", "gold", alice, bob, 101, RED_PACKET), "INSUFFICIENT_FUNDS");
        expectRefusal(NewTransfer.of("x2", "gold", alice, aliceSilver, 1, RED_PACKET), "DIFFERENT_POINT_TYPES");
        expectRefusal(NewTransfer.of("x3", "gold", alice, carol, 1, RED_PACKET), "ACCOUNT_CLOSED");
        expectRefusal(NewTransfer.of("x4", "gold", alice, bob, 1, 999999), "UNKNOWN_REASON");
        expectRefusal(NewTransfer.of("x5", "gold", alice, bob, 1, WITHDRAWAL), "REASON_NOT_ALLOWED");
        assertThatThrownBy(() -> ledger.transfer(NewTransfer.of("x6", "gold", alice, bob, 0, RED_PACKET)))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> ledger.transfer(NewTransfer.of("x7", "gold", alice, bob, -5, RED_PACKET)))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("amount");
        assertThat(ledger.account(alice).balance()).isEqualTo(100);
        assertThat(ledger.transferById("issue-1").amount()).isEqualTo(100);
        assertThat(silver.code()).isEqualTo("silver");
    }

    private void expectRefusal(NewTransfer transfer, String code) {
        assertThatThrownBy(() -> ledger.transfer(transfer))
                .isInstanceOf(TongbaoException.BusinessRule.class)
                .extracting("code")
                .isEqualTo(code);
    }

    @Test
    void aHoldIsPostedInPartOrVoidedAndOneLeftAloneExpires() {
        issue("issue-1", alice, 1_000);
        Hold hold = ledger.hold(NewHold.of("h-1", "gold", alice, bob, 600, RED_PACKET, 300));
        assertThat(hold.status()).isEqualTo("PENDING");
        assertThat(ledger.account(alice).available()).isEqualTo(400);

        Hold posted = ledger.postHold("h-1", new HoldResolution("h-1-post", 450L));
        assertThat(posted.status()).isEqualTo("POSTED");
        assertThat(posted.resolvedBy()).isEqualTo("h-1-post");
        assertThat(ledger.account(alice).balance()).isEqualTo(550);
        assertThat(ledger.account(alice).frozen()).isZero();
        assertThatThrownBy(() -> ledger.voidHold("h-1", "h-1-void"))
                .isInstanceOf(TongbaoException.Conflict.class)
                .extracting("code")
                .isEqualTo("HOLD_NOT_PENDING");

        ledger.hold(NewHold.of("h-2", "gold", alice, bob, 100, RED_PACKET, 300));
        assertThat(ledger.voidHold("h-2", "h-2-void").status()).isEqualTo("VOIDED");

        ledger.hold(NewHold.of("h-3", "gold", alice, bob, 100, RED_PACKET, 1));
        // expiry is a scheduled job coordinated through the database: wait for it, do not sleep
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(ledger.holdById("h-3").status()).isEqualTo("EXPIRED"));
        assertThat(ledger.holdById("h-3").resolvedBy()).isEqualTo("~expire:h-3");
        assertThat(ledger.account(alice).frozen()).isZero();
        assertThat(ledger.account(bob).balance()).isEqualTo(450);
    }

    @Test
    void aReversalIsANewTransferAtMostOnceAndNeverBeyondTheOriginal() {
        issue("issue-1", alice, 1_000);
        ledger.transfer(NewTransfer.of("t-1", "gold", alice, bob, 300, RED_PACKET));

        assertThatThrownBy(() -> ledger.reverse("t-1", new Reversal("r-0", 301L, RED_PACKET, null)))
                .isInstanceOf(TongbaoException.BusinessRule.class)
                .extracting("code")
                .isEqualTo("REVERSAL_EXCEEDS_ORIGINAL");
        Transfer reversal = ledger.reverse("t-1", new Reversal("r-1", null, RED_PACKET, "refund"));
        assertThat(reversal.kind()).isEqualTo("REVERSAL");
        assertThat(reversal.relatedTransferId()).isEqualTo("t-1");
        assertThat(reversal.fromAccount()).isEqualTo(bob);
        assertThatThrownBy(() -> ledger.reverse("t-1", new Reversal("r-2", 1L, RED_PACKET, null)))
                .isInstanceOf(TongbaoException.Conflict.class)
                .extracting("code")
                .isEqualTo("ALREADY_REVERSED");
        assertThat(ledger.account(alice).balance()).isEqualTo(1_000);
        assertThat(ledger.transferById("t-1").amount()).isEqualTo(300);
    }

    @Test
    void batchesAreIndependentOrLinked() {
        issue("issue-1", alice, 100);
        BatchResult linked = ledger.batch(Batch.linked(List.of(
                NewTransfer.of("b-1", "gold", alice, bob, 70, RED_PACKET),
                NewTransfer.of("b-2", "gold", alice, bob, 70, RED_PACKET))));
        assertThat(linked.applied()).isZero();
        assertThat(linked.results().get(1).error().code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(ledger.account(bob).balance()).isZero();

        BatchResult independent = ledger.batch(Batch.independent(List.of(
                NewTransfer.of("b-1", "gold", alice, bob, 70, RED_PACKET),
                NewTransfer.of("b-2", "gold", alice, bob, 70, RED_PACKET))));
        assertThat(independent.results()).extracting(BatchResult.Item::status).containsExactly("APPLIED", "FAILED");
        BatchResult replayed =
                ledger.batch(Batch.independent(List.of(NewTransfer.of("b-1", "gold", alice, bob, 70, RED_PACKET))));
        assertThat(replayed.results().get(0).status()).isEqualTo("REPLAYED");
        assertThat(ledger.account(bob).balance()).isEqualTo(70);
    }

    @Test
    void aConversionDebitsOneTypeAndCreditsTheOtherAtTheRateOrNothing() {
        PointType silver = ledger.createPointType(new NewPointType("silver", "银币", 0));
        String aliceSilver =
                ledger.openAccount(new NewAccount("silver", "USER", "alice")).accountId();
        ledger.transfer(NewTransfer.of("fund", "silver", silver.centralBank(), silver.exchange(), 10_000, ISSUE));
        issue("issue-1", alice, 1_000);

        Conversion conversion =
                ledger.convert(new NewConversion("c-1", alice, aliceSilver, 200, 5, 2, RED_PACKET, null, null));
        assertThat(conversion.debit().toAccount()).isEqualTo(gold.exchange());
        assertThat(conversion.credit().amount()).isEqualTo(500);
        assertThat(ledger.conversionById("c-1")).isEqualTo(conversion);
        assertThat(ledger.account(aliceSilver).balance()).isEqualTo(500);

        assertThatThrownBy(() ->
                        ledger.convert(new NewConversion("c-2", alice, aliceSilver, 801, 5, 2, RED_PACKET, null, null)))
                .isInstanceOf(TongbaoException.BusinessRule.class)
                .extracting("code")
                .isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(ledger.account(alice).balance()).isEqualTo(800);
        assertThat(ledger.account(silver.exchange()).balance()).isEqualTo(9_500);
    }

    @Test
    void anotherMerchantSeesNoneOfIt() {
        issue("issue-1", alice, 10);
        LedgerApi other = operator.sdk(operator.createHmacApp(operator.createMerchant("other")))
                .ledger();
        assertThatThrownBy(() -> other.account(alice)).isInstanceOf(TongbaoException.NotFound.class);
        assertThatThrownBy(() -> other.transferById("issue-1")).isInstanceOf(TongbaoException.NotFound.class);
        other.createPointType(new NewPointType("gold", "金币", 2));
        other.registerReason(NewReason.of(ISSUE, "issue points"));
        assertThatThrownBy(() -> other.transfer(NewTransfer.of("steal", "gold", alice, bob, 1, ISSUE)))
                .isInstanceOf(TongbaoException.BusinessRule.class)
                .extracting("code")
                .isEqualTo("UNKNOWN_ACCOUNT");
    }

    @Test
    void theOperatorCanRunTheAuditor() {
        issue("issue-1", alice, 10);
        OperatorClient.Response report = operator.get("/api/operator/ledger/audit");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().get("ok").asBoolean()).isTrue();
        assertThat(report.body().get("transfers").asLong()).isPositive();
    }
}
