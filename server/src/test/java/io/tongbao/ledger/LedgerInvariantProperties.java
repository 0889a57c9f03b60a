package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of transfers, holds, posts, voids, expiries, reversals, conversions, batches and retries.
 * Alone, every answer must be the one an in-memory model predicts; from concurrent threads, the model is built from
 * the answers. Either way, afterwards the balances equal the model's and the auditor passes.
 */
class LedgerInvariantProperties {

    static final int USERS = 4;
    static final int ISSUE = 100001;
    static final int SPEND = 300002;
    static final long RATE_NUMERATOR = 3;
    static final long RATE_DENOMINATOR = 2;

    static LedgerFixture fixture;

    @BeforeContainer
    static void start() {
        fixture = LedgerFixture.start(4, 10);
    }

    @AfterContainer
    static void stop() {
        fixture.close();
    }

    // ---- operations, as generated

    sealed interface Op {}

    record Issue(int user, long amount) implements Op {}

    record Move(int from, int to, long amount) implements Op {}

    record Hold(int from, int to, long amount, int timeoutSeconds) implements Op {}

    record Post(int hold, int percent) implements Op {}

    record Void(int hold) implements Op {}

    record Advance(int seconds) implements Op {}

    record Reverse(int transfer, int percent) implements Op {}

    record Convert(int user, long amount) implements Op {}

    record Batch(boolean linked, List<Move> moves) implements Op {}

    record Retry(int attempt) implements Op {}

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS - 1);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 400);
        Arbitrary<Integer> ref = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Integer> percent = Arbitraries.integers().between(1, 100);
        Arbitrary<Move> move = Combinators.combine(user, user, amount).as(Move::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        3, Combinators.combine(user, amount.map(a -> a * 3)).as(Issue::new)),
                net.jqwik.api.Tuple.of(6, move.map(m -> (Op) m)),
                net.jqwik.api.Tuple.of(
                        3,
                        Combinators.combine(
                                        user,
                                        user,
                                        amount,
                                        Arbitraries.integers().between(5, 120))
                                .as(Hold::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(ref, percent).as(Post::new)),
                net.jqwik.api.Tuple.of(1, ref.map(Void::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 90).map(Advance::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(ref, percent).as(Reverse::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(user, amount).as(Convert::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.of(true, false),
                                        move.list().ofMinSize(1).ofMaxSize(6))
                                .as(Batch::new)),
                net.jqwik.api.Tuple.of(2, ref.map(Retry::new)));
    }

    @Provide
    Arbitrary<List<Op>> script() {
        return op().list().ofMinSize(10).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<List<Op>>> scripts() {
        return op().list().ofMinSize(10).ofMaxSize(30).list().ofSize(4);
    }

    // ---- the properties

    @Property(tries = 30)
    void aloneEveryAnswerIsTheOneTheModelPredicts(@ForAll("script") List<Op> script) {
        World world = new World(true);
        new Runner(world, script).run();
        world.expectBalancesAndAudit();
    }

    // interleavings do not repeat, so shrinking would chase a different run each time: report the sample as drawn
    @Property(tries = 10, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void fromConcurrentThreadsTheBalancesAddUpToWhatWasReported(@ForAll("scripts") List<List<Op>> scripts)
            throws Exception {
        World world = new World(false);
        try (ExecutorService pool = Executors.newFixedThreadPool(scripts.size())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (List<Op> script : scripts) {
                runs.add(pool.submit(() -> {
                    start.await();
                    new Runner(world, script).run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        }
        world.settleFrozenFromTheLedger();
        world.expectBalancesAndAudit();
    }

    // ---- the world: one merchant, two point types, a model

    static final class World {
        final boolean predict;
        final MerchantCaller merchant = LedgerFixture.newMerchant();
        final Ledger ledger = fixture.ledger;
        final LedgerModel model = new LedgerModel();
        final String goldBank;
        final String goldExchange;
        final String silverBank;
        final String silverExchange;
        final List<String> gold = new ArrayList<>();
        final List<String> silver = new ArrayList<>();
        final Map<String, HoldRecord> holds = new ConcurrentHashMap<>();
        final Set<String> reversed = ConcurrentHashMap.newKeySet();
        final AtomicInteger ids = new AtomicInteger();

        World(boolean predict) {
            this.predict = predict;
            PointTypeView goldType = ledger.createPointType(merchant, new PointTypeRequest("gold", "Gold", 0));
            PointTypeView silverType = ledger.createPointType(merchant, new PointTypeRequest("silver", "Silver", 0));
            ledger.registerReason(merchant, new ReasonRequest(ISSUE, "issue", null, null));
            ledger.registerReason(merchant, new ReasonRequest(SPEND, "spend", null, null));
            goldBank = goldType.systemAccounts().get(SystemAccount.CENTRAL_BANK);
            goldExchange = goldType.systemAccounts().get(SystemAccount.EXCHANGE);
            silverBank = silverType.systemAccounts().get(SystemAccount.CENTRAL_BANK);
            silverExchange = silverType.systemAccounts().get(SystemAccount.EXCHANGE);
            for (int i = 0; i < USERS; i++) {
                gold.add(ledger.openAccount(merchant, new AccountRequest("gold", OwnerKind.USER, "u" + i))
                        .accountId());
                silver.add(ledger.openAccount(merchant, new AccountRequest("silver", OwnerKind.USER, "u" + i))
                        .accountId());
            }
            // conversions draw on the silver exchange account: fund it as a merchant would, from its central bank
            ledger.transfer(
                    merchant,
                    new TransferRequest(
                            "fund-exchange", "silver", silverBank, silverExchange, 1_000_000L, ISSUE, null, null));
            model.move(silverBank, silverExchange, 1_000_000L);
        }

        String nextId(String prefix) {
            return prefix + "-" + ids.incrementAndGet();
        }

        List<String> allAccounts() {
            List<String> all = new ArrayList<>(gold);
            all.addAll(silver);
            all.addAll(List.of(goldBank, goldExchange, silverBank, silverExchange));
            return all;
        }

        /** Concurrent runs cannot know which holds expired or were resolved when; the ledger's hold rows say. */
        void settleFrozenFromTheLedger() {
            for (HoldRecord hold : holds.values()) {
                HoldView view = ledger.holdById(merchant, hold.id);
                if (view.status() != HoldStatus.PENDING && hold.pending) {
                    hold.pending = false;
                    model.release(hold.from, hold.amount);
                }
                if (view.status() == HoldStatus.POSTED && !hold.postCounted) {
                    throw new AssertionError("hold " + hold.id + " was posted without any post being answered");
                }
            }
        }

        void expectBalancesAndAudit() {
            for (String account : allAccounts()) {
                AccountView view = ledger.account(merchant, account);
                assertThat(view.balance()).as("balance of %s", account).isEqualTo(model.balance(account));
                assertThat(view.frozen()).as("frozen of %s", account).isEqualTo(model.frozen(account));
                if (!view.mayGoNegative()) {
                    assertThat(view.available()).as("available of %s", account).isNotNegative();
                }
            }
            AuditReport report = fixture.auditor.audit();
            assertThat(report.violations()).isEmpty();
        }
    }

    static final class HoldRecord {
        final String id;
        final String from;
        final String to;
        final long amount;
        final Instant expiresAt;
        volatile boolean pending = true;
        volatile boolean postCounted;

        HoldRecord(String id, String from, String to, long amount, Instant expiresAt) {
            this.id = id;
            this.from = from;
            this.to = to;
            this.amount = amount;
            this.expiresAt = expiresAt;
        }
    }

    /** What a thread sent, so that it can send it again: a retry must answer as the first did, and apply once. */
    record Sent(Call call, Object firstResult, boolean succeeded) {}

    @FunctionalInterface
    interface Call {
        Object send();
    }

    record SentTransfer(String id, String from, String to, long amount) {}

    // ---- one thread's run of a script

    static final class Runner {
        final World world;
        final List<Op> script;
        final List<String> myHolds = new ArrayList<>();
        final List<SentTransfer> myTransfers = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();

        Runner(World world, List<Op> script) {
            this.world = world;
            this.script = script;
        }

        void run() {
            for (Op op : script) {
                step(op);
            }
        }

        private void step(Op op) {
            World w = world;
            LedgerModel m = w.model;
            switch (op) {
                case Issue issue -> transfer(w.goldBank, w.gold.get(issue.user()), issue.amount(), ISSUE);
                case Move move -> transfer(w.gold.get(move.from()), w.gold.get(move.to()), move.amount(), SPEND);
                case Hold hold -> {
                    String id = w.nextId("hold");
                    String from = w.gold.get(hold.from());
                    String to = w.gold.get(hold.to());
                    boolean expected = !from.equals(to) && m.available(from) >= hold.amount();
                    send(
                            expected,
                            () -> w.ledger.hold(
                                    w.merchant,
                                    new HoldRequest(
                                            id,
                                            "gold",
                                            from,
                                            to,
                                            hold.amount(),
                                            SPEND,
                                            (long) hold.timeoutSeconds(),
                                            null,
                                            null)),
                            result -> {
                                HoldView view = (HoldView) result;
                                w.holds.put(id, new HoldRecord(id, from, to, hold.amount(), view.expiresAt()));
                                m.freeze(from, hold.amount());
                                myHolds.add(id);
                            },
                            sameHold());
                }
                case Post post -> {
                    if (myHolds.isEmpty()) {
                        return;
                    }
                    HoldRecord hold = w.holds.get(myHolds.get(post.hold() % myHolds.size()));
                    long amount = Math.max(1, hold.amount * post.percent() / 100);
                    boolean expected = hold.pending && fixture.clock.instant().isBefore(hold.expiresAt);
                    String id = w.nextId("post");
                    send(
                            expected,
                            () -> w.ledger.postHold(w.merchant, hold.id, new HoldResolution(id, amount)),
                            result -> {
                                hold.postCounted = true;
                                hold.pending = false;
                                m.release(hold.from, hold.amount);
                                m.move(hold.from, hold.to, amount);
                            },
                            sameHold());
                }
                case Void v -> {
                    if (myHolds.isEmpty()) {
                        return;
                    }
                    HoldRecord hold = w.holds.get(myHolds.get(v.hold() % myHolds.size()));
                    boolean expected = hold.pending && fixture.clock.instant().isBefore(hold.expiresAt);
                    String id = w.nextId("void");
                    send(
                            expected,
                            () -> w.ledger.voidHold(w.merchant, hold.id, new HoldResolution(id, null)),
                            result -> {
                                hold.pending = false;
                                m.release(hold.from, hold.amount);
                            },
                            sameHold());
                }
                case Advance advance -> {
                    fixture.clock.advance(Duration.ofSeconds(advance.seconds()));
                    while (fixture.expiry.expireDue() > 0) {
                        // other tries' holds share the database and the clock: expire everything due
                    }
                    if (w.predict) {
                        for (HoldRecord hold : w.holds.values()) {
                            if (!hold.pending) {
                                continue;
                            }
                            boolean due = !fixture.clock.instant().isBefore(hold.expiresAt);
                            if (due) {
                                hold.pending = false;
                                m.release(hold.from, hold.amount);
                            }
                            assertThat(w.ledger.holdById(w.merchant, hold.id).status())
                                    .as("hold %s", hold.id)
                                    .isEqualTo(due ? HoldStatus.EXPIRED : HoldStatus.PENDING);
                        }
                    }
                }
                case Reverse reverse -> {
                    if (myTransfers.isEmpty()) {
                        return;
                    }
                    SentTransfer original = myTransfers.get(reverse.transfer() % myTransfers.size());
                    long amount = Math.max(1, original.amount() * reverse.percent() / 100);
                    boolean expected = !w.reversed.contains(original.id()) && m.available(original.to()) >= amount;
                    String id = w.nextId("reversal");
                    send(
                            expected,
                            () -> w.ledger.reverse(
                                    w.merchant, original.id(), new ReversalRequest(id, amount, SPEND, null)),
                            result -> {
                                w.reversed.add(original.id());
                                m.move(original.to(), original.from(), amount);
                            },
                            Object::equals);
                }
                case Convert convert -> {
                    String from = w.gold.get(convert.user());
                    String to = w.silver.get(convert.user());
                    long credit = convert.amount() * RATE_NUMERATOR / RATE_DENOMINATOR;
                    boolean expected = m.available(from) >= convert.amount() && m.available(w.silverExchange) >= credit;
                    String id = w.nextId("conversion");
                    send(
                            expected,
                            () -> w.ledger.convert(
                                    w.merchant,
                                    new ConversionRequest(
                                            id,
                                            from,
                                            to,
                                            convert.amount(),
                                            RATE_NUMERATOR,
                                            RATE_DENOMINATOR,
                                            SPEND,
                                            null,
                                            null)),
                            result -> {
                                m.move(from, w.goldExchange, convert.amount());
                                m.move(w.silverExchange, to, credit);
                            },
                            Object::equals);
                }
                case Batch batch -> batch(batch);
                case Retry retry -> {
                    if (sent.isEmpty()) {
                        return;
                    }
                    retry(sent.get(retry.attempt() % sent.size()));
                }
            }
        }

        private void transfer(String from, String to, long amount, int reason) {
            World w = world;
            String id = w.nextId("t");
            boolean expected = !from.equals(to) && (from.equals(w.goldBank) || w.model.available(from) >= amount);
            send(
                    expected,
                    () -> w.ledger.transfer(
                            w.merchant, new TransferRequest(id, "gold", from, to, amount, reason, null, null)),
                    result -> {
                        w.model.move(from, to, amount);
                        myTransfers.add(new SentTransfer(id, from, to, amount));
                    },
                    Object::equals);
        }

        private void batch(Batch batch) {
            World w = world;
            LedgerModel m = w.model;
            List<TransferRequest> requests = new ArrayList<>();
            // what the ledger should do: apply the items in order, each against what the earlier ones left
            Map<String, Long> available = new HashMap<>();
            boolean allFit = true;
            List<Boolean> fits = new ArrayList<>();
            for (Move move : batch.moves()) {
                String from = w.gold.get(move.from());
                String to = w.gold.get(move.to());
                requests.add(new TransferRequest(w.nextId("b"), "gold", from, to, move.amount(), SPEND, null, null));
                long left = available.computeIfAbsent(from, m::available);
                boolean fit = !from.equals(to) && left >= move.amount();
                if (fit) {
                    available.put(from, left - move.amount());
                    available.put(to, available.computeIfAbsent(to, m::available) + move.amount());
                }
                fits.add(fit);
                allFit &= fit;
            }
            BatchMode mode = batch.linked() ? BatchMode.LINKED : BatchMode.INDEPENDENT;
            Call call = () -> w.ledger.batch(w.merchant, new BatchRequest(mode, requests));
            BatchResult result = (BatchResult) call.send();
            if (w.predict) {
                for (int i = 0; i < requests.size(); i++) {
                    boolean expected = batch.linked() ? allFit : fits.get(i);
                    assertThat(result.results().get(i).status())
                            .as("batch item %s of %s", i, batch)
                            .isEqualTo(expected ? BatchResult.Status.APPLIED : BatchResult.Status.FAILED);
                }
            }
            applyBatch(requests, result);
            Sent attempt = new Sent(call, result, true);
            sent.add(attempt);
            batchRequests.put(attempt, requests);
        }

        private void applyBatch(List<TransferRequest> requests, BatchResult result) {
            for (BatchResult.Item item : result.results()) {
                if (item.status() == BatchResult.Status.APPLIED) {
                    TransferRequest request = requests.get(item.index());
                    world.model.move(request.fromAccount(), request.toAccount(), request.amount());
                    myTransfers.add(new SentTransfer(
                            request.transferId(), request.fromAccount(), request.toAccount(), request.amount()));
                }
            }
        }

        interface Effect {
            void apply(Object result);
        }

        interface Same {
            boolean test(Object first, Object again);
        }

        private final Map<Sent, Effect> effects = new IdentityHashMap<>();
        private final Map<Sent, Same> sameness = new IdentityHashMap<>();
        private final Map<Sent, List<TransferRequest>> batchRequests = new IdentityHashMap<>();

        private void send(boolean expected, Call call, Effect effect, Same same) {
            Object result;
            try {
                result = call.send();
            } catch (LedgerException refused) {
                if (world.predict) {
                    assertThat(expected)
                            .as("refused with %s: %s", refused.code(), refused.getMessage())
                            .isFalse();
                }
                remember(new Sent(call, null, false), effect, same);
                return;
            }
            if (world.predict) {
                assertThat(expected).as("applied: %s", result).isTrue();
            }
            effect.apply(result);
            remember(new Sent(call, result, true), effect, same);
        }

        private void remember(Sent attempt, Effect effect, Same same) {
            sent.add(attempt);
            effects.put(attempt, effect);
            sameness.put(attempt, same);
        }

        /** Sends a request again with the same ids: answered as the first time, applied at most once in all. */
        private void retry(Sent first) {
            if (first.firstResult() instanceof BatchResult firstBatch) {
                BatchResult again = (BatchResult) first.call().send();
                for (int i = 0; i < again.results().size(); i++) {
                    BatchResult.Item before = firstBatch.results().get(i);
                    BatchResult.Item now = again.results().get(i);
                    if (before.status() == BatchResult.Status.APPLIED) {
                        assertThat(now.status()).isEqualTo(BatchResult.Status.REPLAYED);
                        assertThat(now.transfer()).isEqualTo(before.transfer());
                    }
                }
                // items refused the first time may fit now; those count from now on
                applyBatch(batchRequests.get(first), again);
                return;
            }
            if (!first.succeeded()) {
                // a refused request wrote nothing; sent again later it may apply, which counts once from now on
                try {
                    Object result = first.call().send();
                    effects.get(first).apply(result);
                    Sent now = new Sent(first.call(), result, true);
                    sent.set(sent.indexOf(first), now);
                    effects.put(now, effects.get(first));
                    sameness.put(now, sameness.get(first));
                } catch (LedgerException stillRefused) {
                    // refused again: nothing to count
                }
                return;
            }
            Object again = first.call().send();
            assertThat(sameness.get(first).test(first.firstResult(), again))
                    .as("retry of %s answered %s", first.firstResult(), again)
                    .isTrue();
        }

        private static Same sameHold() {
            return (first, again) -> ((HoldView) first).holdId().equals(((HoldView) again).holdId())
                    && ((HoldView) first).amount() == ((HoldView) again).amount();
        }
    }
}
