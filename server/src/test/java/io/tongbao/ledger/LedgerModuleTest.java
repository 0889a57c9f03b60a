package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.ledger.LedgerRefusal.Code;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger through its Java API on real PostgreSQL; the auditor must pass after every test. */
class LedgerModuleTest {

    static LedgerFixture fixture;
    MerchantCaller merchant;
    Ledger ledger;
    PointTypeView gold;
    String bank;
    String alice;
    String bob;

    @BeforeAll
    static void start() {
        fixture = LedgerFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void setUp() {
        ledger = fixture.ledger;
        merchant = LedgerFixture.newMerchant();
        gold = ledger.createPointType(merchant, new PointTypeRequest("gold", "Gold coins", 2));
        ledger.registerReason(merchant, new ReasonRequest(100001, "issue", null, null));
        ledger.registerReason(merchant, new ReasonRequest(300002, "red packet sent", null, null));
        bank = gold.systemAccounts().get(SystemAccount.CENTRAL_BANK);
        alice = ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "alice"))
                .accountId();
        bob = ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "bob"))
                .accountId();
    }

    @AfterEach
    void auditorPasses() {
        AuditReport report = fixture.auditor.audit();
        assertThat(report.violations()).isEmpty();
        assertThat(report.ok()).isTrue();
    }

    TransferView move(String id, String from, String to, long amount, int reason) {
        return ledger.transfer(merchant, new TransferRequest(id, "gold", from, to, amount, reason, null, null));
    }

    @Test
    void issuingIsATransferOutOfTheCentralBankThatMayGoNegative() {
        move("issue-1", bank, alice, 1_000, 100001);
        move("gift-1", alice, bob, 300, 300002);

        assertThat(ledger.account(merchant, alice).balance()).isEqualTo(700);
        assertThat(ledger.account(merchant, bob).balance()).isEqualTo(300);
        assertThat(ledger.account(merchant, bank).balance()).isEqualTo(-1_000);
    }

    @Test
    void aTransferIdAppliesOnceAndAnotherContentUnderItIsRefused() {
        move("issue-1", bank, alice, 1_000, 100001);
        TransferView first = move("t-1", alice, bob, 100, 300002);
        TransferView again = move("t-1", alice, bob, 100, 300002);

        assertThat(again).isEqualTo(first);
        assertThat(ledger.account(merchant, bob).balance()).isEqualTo(100);
        assertThatThrownBy(() -> move("t-1", alice, bob, 101, 300002))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.TRANSFER_ID_REUSED);
    }

    @Test
    void anOverdraftIsRefusedAndChangesNothing() {
        move("issue-1", bank, alice, 50, 100001);
        assertThatThrownBy(() -> move("t-1", alice, bob, 51, 300002))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.INSUFFICIENT_FUNDS);
        assertThat(ledger.account(merchant, alice).balance()).isEqualTo(50);
        assertThat(ledger.transferById(merchant, "issue-1").amount()).isEqualTo(50);
        assertThatThrownBy(() -> ledger.transferById(merchant, "t-1"))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void holdsReserveAndArePostedInPartVoidedOrExpired() {
        move("issue-1", bank, alice, 1_000, 100001);
        ledger.hold(merchant, new HoldRequest("h-1", "gold", alice, bob, 400L, 300002, 60L, null, null));
        assertThat(ledger.account(merchant, alice).available()).isEqualTo(600);
        assertThatThrownBy(() -> move("t-1", alice, bob, 601, 300002))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.INSUFFICIENT_FUNDS);

        HoldView posted = ledger.postHold(merchant, "h-1", new HoldResolution("h-1-post", 250L));
        assertThat(posted.status()).isEqualTo(HoldStatus.POSTED);
        assertThat(posted.postedAmount()).isEqualTo(250);
        AccountView after = ledger.account(merchant, alice);
        assertThat(after.balance()).isEqualTo(750);
        assertThat(after.frozen()).isZero();

        ledger.hold(merchant, new HoldRequest("h-2", "gold", alice, bob, 100L, 300002, 60L, null, null));
        assertThat(ledger.voidHold(merchant, "h-2", new HoldResolution("h-2-void", null))
                        .status())
                .isEqualTo(HoldStatus.VOIDED);
        ledger.hold(merchant, new HoldRequest("h-3", "gold", alice, bob, 100L, 300002, 60L, null, null));
        fixture.clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> ledger.postHold(merchant, "h-3", new HoldResolution("h-3-post", null)))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.HOLD_EXPIRED);
        assertThat(fixture.expiry.expireDue()).isEqualTo(1);
        assertThat(ledger.holdById(merchant, "h-3").status()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(ledger.account(merchant, alice).frozen()).isZero();
    }

    @Test
    void aReversalHappensAtMostOnceAndNeverBeyondTheOriginal() {
        move("issue-1", bank, alice, 1_000, 100001);
        move("t-1", alice, bob, 300, 300002);
        assertThatThrownBy(() -> ledger.reverse(merchant, "t-1", new ReversalRequest("r-1", 301L, 300002, null)))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.REVERSAL_EXCEEDS_ORIGINAL);
        TransferView reversal = ledger.reverse(merchant, "t-1", new ReversalRequest("r-1", 200L, 300002, "oops"));
        assertThat(reversal.relatedTransferId()).isEqualTo("t-1");
        assertThat(ledger.reverse(merchant, "t-1", new ReversalRequest("r-1", 200L, 300002, "oops")))
                .isEqualTo(reversal);
        assertThatThrownBy(() -> ledger.reverse(merchant, "t-1", new ReversalRequest("r-2", 50L, 300002, null)))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.ALREADY_REVERSED);
        assertThat(ledger.account(merchant, bob).balance()).isEqualTo(100);
    }

    @Test
    void aLinkedBatchIsAllOrNothingAndAnIndependentOneReportsEachItem() {
        move("issue-1", bank, alice, 100, 100001);
        BatchResult linked = ledger.batch(
                merchant,
                new BatchRequest(
                        BatchMode.LINKED,
                        List.of(
                                new TransferRequest("b-1", "gold", alice, bob, 60L, 300002, null, null),
                                new TransferRequest("b-2", "gold", alice, bob, 60L, 300002, null, null))));
        assertThat(linked.applied()).isZero();
        assertThat(linked.results().get(1).error().code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(linked.results().get(0).error().code()).isEqualTo("LINKED_TRANSFER_FAILED");
        assertThat(ledger.account(merchant, bob).balance()).isZero();

        BatchResult independent = ledger.batch(
                merchant,
                new BatchRequest(
                        BatchMode.INDEPENDENT,
                        List.of(
                                new TransferRequest(
                                        "b-1", "gold", alice, bob, 60L, 300002, null, Map.of("order", "o-1")),
                                new TransferRequest("b-2", "gold", alice, bob, 60L, 300002, null, null),
                                new TransferRequest("b-3", "gold", alice, bob, 40L, 424242, null, null))));
        assertThat(independent.results())
                .extracting(BatchResult.Item::status)
                .containsExactly(BatchResult.Status.APPLIED, BatchResult.Status.FAILED, BatchResult.Status.FAILED);
        assertThat(independent.results().get(2).error().code()).isEqualTo("UNKNOWN_REASON");
        assertThat(independent.results().get(0).transfer().metadata()).containsEntry("order", "o-1");
        assertThat(ledger.account(merchant, bob).balance()).isEqualTo(60);
    }

    @Test
    void aConversionMovesBothPointTypesThroughTheExchangeAccountsAtOnce() {
        PointTypeView silver = ledger.createPointType(merchant, new PointTypeRequest("silver", "Silver", 0));
        String aliceSilver = ledger.openAccount(merchant, new AccountRequest("silver", OwnerKind.USER, "alice"))
                .accountId();
        String silverExchange = silver.systemAccounts().get(SystemAccount.EXCHANGE);
        move("issue-1", bank, alice, 1_000, 100001);
        ledger.transfer(
                merchant,
                new TransferRequest(
                        "fund",
                        "silver",
                        silver.systemAccounts().get(SystemAccount.CENTRAL_BANK),
                        silverExchange,
                        5_000L,
                        100001,
                        null,
                        null));

        ConversionView conversion = ledger.convert(
                merchant, new ConversionRequest("c-1", alice, aliceSilver, 300L, 10L, 3L, 300002, null, null));

        assertThat(conversion.credit().amount()).isEqualTo(1_000);
        assertThat(ledger.account(merchant, alice).balance()).isEqualTo(700);
        assertThat(ledger.account(merchant, aliceSilver).balance()).isEqualTo(1_000);
        assertThat(ledger.account(merchant, silverExchange).balance()).isEqualTo(4_000);
        assertThatThrownBy(() -> ledger.convert(
                        merchant, new ConversionRequest("c-2", alice, aliceSilver, 600L, 10L, 1L, 300002, null, null)))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.INSUFFICIENT_FUNDS);
        assertThat(ledger.account(merchant, alice).balance()).isEqualTo(700);
    }

    @Test
    void theStatementPagesThroughPostingsWithTheBalanceAfterEach() {
        move("issue-1", bank, alice, 1_000, 100001);
        for (int i = 0; i < 7; i++) {
            move("t-" + i, alice, bob, 10 + i, 300002);
        }
        StatementPage first = ledger.statement(merchant, alice, new StatementQuery(3, null, null, null, null));
        assertThat(first.lines()).extracting(StatementPage.Line::amount).containsExactly(-16L, -15L, -14L);
        assertThat(first.lines().get(0).balanceAfter())
                .isEqualTo(ledger.account(merchant, alice).balance());
        StatementPage second =
                ledger.statement(merchant, alice, new StatementQuery(3, first.nextCursor(), null, null, null));
        assertThat(second.lines()).extracting(StatementPage.Line::amount).containsExactly(-13L, -12L, -11L);
        StatementPage third =
                ledger.statement(merchant, alice, new StatementQuery(3, second.nextCursor(), null, null, null));
        assertThat(third.lines()).extracting(StatementPage.Line::amount).containsExactly(-10L, 1_000L);
        assertThat(third.nextCursor()).isNull();
        assertThat(ledger.statement(merchant, alice, new StatementQuery(50, null, null, null, 100001))
                        .lines())
                .extracting(StatementPage.Line::transferId)
                .containsExactly("issue-1");
    }

    @Test
    void anotherMerchantsAccountsDoNotExistForIt() {
        MerchantCaller other = LedgerFixture.newMerchant();
        ledger.createPointType(other, new PointTypeRequest("gold", "Gold coins", 2));
        ledger.registerReason(other, new ReasonRequest(100001, "issue", null, null));
        assertThatThrownBy(() ->
                        ledger.transfer(other, new TransferRequest("x", "gold", bank, alice, 1L, 100001, null, null)))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.UNKNOWN_ACCOUNT);
        assertThatThrownBy(() -> ledger.account(other, alice))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.NOT_FOUND);
    }
}
