package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.ledger.LedgerRefusal.Code;
import io.tongbao.shared.web.MerchantCaller;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Overdrafts under concurrency, and rows changed behind the ledger's back. */
class LedgerIntegrityTest {

    record World(LedgerFixture fixture, MerchantCaller merchant, String bank, String alice, String bob) {
        TransferView move(String id, String from, String to, long amount) {
            return fixture.ledger.transfer(merchant, new TransferRequest(id, "gold", from, to, amount, 1, null, null));
        }
    }

    static World world(LedgerFixture fixture) {
        MerchantCaller merchant = LedgerFixture.newMerchant();
        Ledger ledger = fixture.ledger;
        PointTypeView gold = ledger.createPointType(merchant, new PointTypeRequest("gold", "Gold", 0));
        ledger.registerReason(merchant, new ReasonRequest(1, "any", null, null));
        return new World(
                fixture,
                merchant,
                gold.systemAccounts().get(SystemAccount.CENTRAL_BANK),
                ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "alice"))
                        .accountId(),
                ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "bob"))
                        .accountId());
    }

    @Test
    void concurrentOverdraftAttemptsNeverDriveAnAccountBelowZero() throws Exception {
        try (LedgerFixture fixture = LedgerFixture.start(4, 16)) {
            World w = world(fixture);
            w.move("fund", w.bank(), w.alice(), 1_000);
            AtomicLong spent = new AtomicLong();
            AtomicLong held = new AtomicLong();
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    threads.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 15; i++) {
                            long amount = ThreadLocalRandom.current().nextLong(1, 120);
                            String id = "o-" + thread + "-" + i;
                            try {
                                switch (i % 3) {
                                    case 0 -> w.move(id, w.alice(), w.bob(), amount);
                                    case 1 ->
                                        fixture.ledger
                                                .batch(
                                                        w.merchant(),
                                                        new BatchRequest(
                                                                BatchMode.LINKED,
                                                                List.of(new TransferRequest(
                                                                        id, "gold", w.alice(), w.bob(), amount, 1, null,
                                                                        null))))
                                                .results()
                                                .forEach(item -> {
                                                    if (item.status() != BatchResult.Status.APPLIED) {
                                                        throw new LedgerException(new LedgerRefusal(
                                                                Code.valueOf(item.error()
                                                                        .code()),
                                                                item.error().message(),
                                                                Map.of()));
                                                    }
                                                });
                                    default -> {
                                        fixture.ledger.hold(
                                                w.merchant(),
                                                new HoldRequest(
                                                        id, "gold", w.alice(), w.bob(), amount, 1, 600L, null, null));
                                        held.addAndGet(amount);
                                        continue;
                                    }
                                }
                                spent.addAndGet(amount);
                            } catch (LedgerException refused) {
                                assertThat(refused.code()).isEqualTo(Code.INSUFFICIENT_FUNDS);
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> thread : threads) {
                    thread.get(60, TimeUnit.SECONDS);
                }
            }
            AccountView alice = fixture.ledger.account(w.merchant(), w.alice());
            assertThat(alice.balance()).isEqualTo(1_000 - spent.get());
            assertThat(alice.frozen()).isEqualTo(held.get());
            assertThat(alice.available()).isNotNegative();
            assertThat(spent.get()).isPositive();
            assertThat(fixture.auditor.audit().violations()).isEmpty();
        }
    }

    enum Tampering {
        TRANSFER_AMOUNT("update ledger_transfer set amount = amount + 1 where client_id = 't-2'"),
        TRANSFER_MEMO("update ledger_transfer set memo = 'nothing to see' where client_id = 't-2'"),
        TRANSFER_DELETED("delete from ledger_transfer where client_id = 't-2'"),
        POSTING_AMOUNT_AND_BALANCE("""
                update ledger_posting set amount = amount - 1, balance_after = balance_after - 1
                where transfer_id = (select id from ledger_transfer where client_id = 't-3') and amount < 0"""),
        POSTING_DELETED("""
                delete from ledger_posting
                where transfer_id = (select id from ledger_transfer where client_id = 't-2') and amount < 0"""),
        BALANCES_SHIFTED_KEEPING_THE_SUM("""
                update ledger_balance set balance = balance + case when account_id = (select min(id) from ledger_account
                  where owner_kind = 'USER') then 5 else -5 end
                where account_id in (select id from ledger_account where owner_kind = 'USER')"""),
        FROZEN_CHANGED("update ledger_balance set frozen = frozen + 1 where balance > 10 and not may_go_negative"),
        NEGATIVE_FLAG_GRANTED(
                "update ledger_balance set may_go_negative = true where balance > 0 and not may_go_negative"),
        HOLD_AMOUNT("update ledger_hold set amount = amount - 1");

        final String sql;

        Tampering(String sql) {
            this.sql = sql;
        }
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void aRowChangedBehindTheLedgersBackIsDetected(Tampering tampering) {
        try (LedgerFixture fixture = LedgerFixture.start(2, 4)) {
            World w = world(fixture);
            w.move("fund", w.bank(), w.alice(), 1_000);
            for (int i = 1; i <= 4; i++) {
                w.move("t-" + i, w.alice(), w.bob(), 10L * i);
            }
            fixture.ledger.hold(
                    w.merchant(), new HoldRequest("h-1", "gold", w.alice(), w.bob(), 50L, 1, 600L, null, null));
            assertThat(fixture.auditor.audit().ok()).isTrue();

            assertThat(fixture.jdbc.sql(tampering.sql).update()).isPositive();

            AuditReport report = fixture.auditor.audit();
            assertThat(report.ok()).isFalse();
            assertThat(report.violations()).isNotEmpty();
        }
    }

    /** Editing a transfer and its digest together still breaks the chain both accounts' postings carry. */
    @Test
    void anEditThatRecomputesTheDigestIsStillDetectedByTheChain() {
        try (LedgerFixture fixture = LedgerFixture.start(2, 4)) {
            World w = world(fixture);
            w.move("fund", w.bank(), w.alice(), 1_000);
            w.move("t-1", w.alice(), w.bob(), 10);
            StoredTransfer stored = fixture.jdbc
                    .sql(StoredTransfer.SELECT + " where t.client_id = 't-1'")
                    .query(StoredTransfer::row)
                    .single();
            byte[] forged = Hashes.transferDigest(
                    stored.merchantId(),
                    stored.clientId(),
                    stored.kind(),
                    stored.pointTypeId(),
                    stored.from(),
                    stored.to(),
                    stored.amount(),
                    stored.reason(),
                    "forged",
                    stored.metadata(),
                    stored.relatedId(),
                    stored.createdAt());
            fixture.jdbc
                    .sql("update ledger_transfer set memo = 'forged', digest = decode(:digest, 'hex') where id = :id")
                    .param("digest", HexFormat.of().formatHex(forged))
                    .param("id", stored.id())
                    .update();

            AuditReport report = fixture.auditor.audit();
            assertThat(report.violations()).anyMatch(violation -> violation.contains("breaks the chain"));
        }
    }
}
