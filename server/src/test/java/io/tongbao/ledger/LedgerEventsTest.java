package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.ledger.LedgerRefusal.Code;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The ledger's outbox on its own: which changes write an event, that the event commits or rolls back with the change
 * on both write paths, and that the relay hands events on in journal order and keeps them when the hand-over fails.
 */
class LedgerEventsTest {

    static LedgerFixture fixture;
    MerchantCaller merchant;
    Ledger ledger;
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
        PointTypeView gold = ledger.createPointType(merchant, new PointTypeRequest("gold", "Gold coins", 2));
        ledger.registerReason(merchant, new ReasonRequest(100001, "issue", null, null));
        ledger.registerReason(merchant, new ReasonRequest(300002, "red packet sent", null, null));
        bank = gold.systemAccounts().get(SystemAccount.CENTRAL_BANK);
        alice = ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "alice"))
                .accountId();
        bob = ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "bob"))
                .accountId();
    }

    @AfterEach
    void auditorPassesAndNothingIsLeftBehind() {
        assertThat(fixture.auditor.audit().violations()).isEmpty();
        fixture.subscribed.clear();
        fixture.jdbc
                .sql("alter table ledger_event drop constraint if exists refuse_events")
                .update();
        fixture.jdbc.sql("delete from ledger_event").update();
    }

    TransferView move(String id, String from, String to, long amount) {
        return ledger.transfer(merchant, new TransferRequest(id, "gold", from, to, amount, 100001, null, null));
    }

    @Test
    void aTransferWritesNoEventUnlessItsAppSubscribed() {
        move("issue-1", bank, alice, 1_000);
        ledger.batch(
                merchant,
                new BatchRequest(
                        BatchMode.LINKED,
                        List.of(new TransferRequest("b-1", "gold", alice, bob, 10L, 300002, null, null))));

        assertThat(events()).isEmpty();
    }

    @Test
    void aSubscribedAppsTransfersWriteOneEventEachOnBothPathsInJournalOrder() {
        fixture.subscribed.add(merchant.appId());
        move("issue-1", bank, alice, 1_000);
        ledger.batch(
                merchant,
                new BatchRequest(
                        BatchMode.INDEPENDENT,
                        List.of(
                                new TransferRequest(
                                        "b-1", "gold", alice, bob, 10L, 300002, "memo", Map.of("order", "o-1")),
                                new TransferRequest("b-2", "gold", alice, bob, 5_000L, 300002, null, null),
                                new TransferRequest("b-3", "gold", alice, bob, 20L, 300002, null, null))));
        move("issue-1", bank, alice, 1_000); // a replay writes nothing new

        List<Object> events = events();
        assertThat(events)
                .extracting(e -> ((LedgerEvents.TransferPosted) e).transferId())
                .as("the refused b-2 wrote none")
                .containsExactly("issue-1", "b-1", "b-3");
        LedgerEvents.TransferPosted b1 = (LedgerEvents.TransferPosted) events.get(1);
        assertThat(b1.merchantId()).isEqualTo(merchant.merchantId());
        assertThat(b1.appId()).isEqualTo(merchant.appId());
        assertThat(b1.fromAccount()).isEqualTo(alice);
        assertThat(b1.toAccount()).isEqualTo(bob);
        assertThat(b1.pointType()).isEqualTo("gold");
        assertThat(b1.amount()).isEqualTo(10);
        assertThat(b1.memo()).isEqualTo("memo");
        assertThat(b1.metadata()).containsEntry("order", "o-1");
        assertThat(b1.createdAt())
                .isEqualTo(ledger.transferById(merchant, "b-1").createdAt());
    }

    @Test
    void aSingleTransferCommitsOnlyWithItsEventAndARefusedOneWritesNone() {
        fixture.subscribed.add(merchant.appId());
        move("issue-1", bank, alice, 100);
        assertThatThrownBy(() -> move("t-1", alice, bob, 101))
                .isInstanceOf(LedgerException.class)
                .extracting("refusal.code")
                .isEqualTo(Code.INSUFFICIENT_FUNDS);
        assertThat(events()).hasSize(1);

        // the outbox refuses rows: the one-statement transfer must roll back whole
        fixture.jdbc
                .sql("alter table ledger_event add constraint refuse_events check (false) not valid")
                .update();
        assertThatThrownBy(() -> move("t-2", alice, bob, 10)).isNotNull();
        assertThat(ledger.account(merchant, alice).balance()).isEqualTo(100);
        assertThat(fixture.ledger
                        .statement(merchant, alice, new StatementQuery(10, null, null, null, null))
                        .lines())
                .hasSize(1);
        assertThatThrownBy(() -> ledger.transferById(merchant, "t-2")).isInstanceOf(LedgerException.class);
    }

    @Test
    void anExpiredHoldAlwaysWritesItsEventAndNeverExpiresWithoutIt() {
        move("issue-1", bank, alice, 1_000);
        ledger.hold(merchant, new HoldRequest("h-1", "gold", alice, bob, 400L, 300002, 60L, null, null));
        ledger.hold(merchant, new HoldRequest("h-2", "gold", alice, bob, 100L, 300002, 60L, null, null));
        fixture.clock.advance(Duration.ofSeconds(61));

        fixture.jdbc
                .sql("alter table ledger_event add constraint refuse_events check (false) not valid")
                .update();
        fixture.expiry.run();
        assertThat(ledger.holdById(merchant, "h-1").status())
                .as("no expiry without its event")
                .isEqualTo(HoldStatus.PENDING);
        assertThat(ledger.account(merchant, alice).frozen()).isEqualTo(500);

        fixture.jdbc
                .sql("alter table ledger_event drop constraint refuse_events")
                .update();
        assertThat(fixture.expiry.expireDue()).isEqualTo(2);
        List<Object> events = events();
        assertThat(events).hasSize(2).allMatch(LedgerEvents.HoldExpired.class::isInstance);
        LedgerEvents.HoldExpired h1 = events.stream()
                .map(LedgerEvents.HoldExpired.class::cast)
                .filter(e -> e.holdId().equals("h-1"))
                .findFirst()
                .orElseThrow();
        assertThat(h1.appId()).as("the app that created the hold").isEqualTo(merchant.appId());
        assertThat(h1.amount()).isEqualTo(400);
        assertThat(h1.fromAccount()).isEqualTo(alice);
        assertThat(h1.expireTransferId()).isEqualTo("~expire:h-1");
        assertThat(h1.expiresAt()).isEqualTo(ledger.holdById(merchant, "h-1").expiresAt());
        assertThat(ledger.account(merchant, alice).frozen()).isZero();
    }

    @Test
    void theRelayHandsEventsOnInJournalOrderAndKeepsThemWhenTheHandOverFails() {
        fixture.subscribed.add(merchant.appId());
        move("issue-1", bank, alice, 1_000);
        for (int i = 0; i < 5; i++) {
            move("t-" + i, alice, bob, 1);
        }
        List<Object> published = new ArrayList<>();
        ApplicationEventPublisher failing = event -> {
            throw new IllegalStateException("listener failed");
        };
        LedgerEventRelay broken = new LedgerEventRelay(fixture.jdbc, fixture.transactions, fixture.outbox, failing);
        broken.run();
        assertThat(events()).as("kept for the next run").hasSize(6);

        LedgerEventRelay relay =
                new LedgerEventRelay(fixture.jdbc, fixture.transactions, fixture.outbox, published::add);
        assertThat(relay.relayBatch()).isEqualTo(6);
        assertThat(published)
                .extracting(e -> ((LedgerEvents.TransferPosted) e).transferId())
                .containsExactly("issue-1", "t-0", "t-1", "t-2", "t-3", "t-4");
        assertThat(events()).isEmpty();
        assertThat(relay.relayBatch()).isZero();
    }

    /** This merchant's events still in the outbox, oldest first. */
    private List<Object> events() {
        return fixture
                .jdbc
                .sql("select type, payload from ledger_event order by id")
                .query((rs, n) -> fixture.outbox.read(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .filter(e -> merchant.merchantId()
                        .equals(
                                e instanceof LedgerEvents.TransferPosted t
                                        ? t.merchantId()
                                        : ((LedgerEvents.HoldExpired) e).merchantId()))
                .toList();
    }
}
