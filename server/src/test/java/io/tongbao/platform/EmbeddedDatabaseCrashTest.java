package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.LedgerApi;
import io.tongbao.sdk.ledger.NewAccount;
import io.tongbao.sdk.ledger.NewPointType;
import io.tongbao.sdk.ledger.NewReason;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.sdk.ledger.PointType;
import io.tongbao.support.Restart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run (embedded PostgreSQL) killed with {@code kill -9} and started again on the same data folder:
 * nothing that was acknowledged is lost, and the restart needs no one to clean up by hand.
 */
@Restart
class EmbeddedDatabaseCrashTest {

    private static final int ISSUE = 100001;
    /** The merchant API's per-app rate limit would otherwise answer 429 long before the writers are busy. */
    private static final String[] UNLIMITED = {"--tongbao.api.requests-per-second=100000", "--tongbao.api.burst=100000"
    };

    @TempDir
    Path folder;

    @Test
    void everyAcknowledgedTransferSurvivesKillingTheProcessGroupAndThePostmasterMidWrite() throws Exception {
        Path dataDir = folder.resolve("data");
        TongbaoProcess first = TongbaoProcess.start(dataDir, folder.resolve("first.log"), UNLIMITED);
        Ledger ledger = Ledger.setUp(first.demoClient().ledger());
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int writer = 0; writer < 16; writer++) {
                int w = writer;
                writers.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String transferId = "w" + w + "-" + n;
                        try {
                            ledger.issue(transferId);
                        } catch (RuntimeException killed) {
                            return;
                        }
                        acknowledged.add(transferId); // answered 200: the application says it is stored
                    }
                });
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= 1500);
            first.killEverything(); // while the writers are still sending
            stop.set(true);
        }
        System.out.println("[crash] " + acknowledged.size() + " transfers acknowledged before kill -9");

        TongbaoProcess second = TongbaoProcess.start(dataDir, folder.resolve("second.log"), UNLIMITED);
        try {
            LedgerApi restarted = second.demoClient().ledger();
            assertThat(missing(restarted, acknowledged))
                    .as("acknowledged transfers lost of %d", acknowledged.size())
                    .isEmpty();
        } finally {
            second.terminate();
        }
    }

    @Test
    void aRestartAfterOnlyTheJvmWasKilledStopsTheLeftoverPostmasterAndKeepsTheData() throws Exception {
        Path dataDir = folder.resolve("data");
        TongbaoProcess first = TongbaoProcess.start(dataDir, folder.resolve("first.log"));
        Ledger ledger = Ledger.setUp(first.demoClient().ledger());
        List<String> transfers = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            ledger.issue("before-crash-" + n);
            transfers.add("before-crash-" + n);
        }
        long postmaster = first.postmasterPid();
        first.killJvm();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                .as("the postmaster outlives the JVM")
                .contains(true);

        TongbaoProcess second = TongbaoProcess.start(dataDir, folder.resolve("second.log"));
        try {
            assertThat(missing(second.demoClient().ledger(), transfers)).isEmpty();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                    .as("the leftover was stopped")
                    .isNotEqualTo(Optional.of(true));
            assertThat(second.log()).contains("left running by an earlier start");
        } finally {
            second.terminate();
        }
    }

    private static List<String> missing(LedgerApi ledger, Collection<String> transferIds) throws Exception {
        try (ExecutorService readers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> checks = new ArrayList<>();
            for (String transferId : transferIds) {
                checks.add(readers.submit(() -> {
                    try {
                        return ledger.transferById(transferId).transferId().equals(transferId) ? null : transferId;
                    } catch (RuntimeException notFound) {
                        return transferId + " (" + notFound.getMessage() + ")";
                    }
                }));
            }
            List<String> missing = new ArrayList<>();
            for (Future<String> check : checks) {
                if (check.get() != null) {
                    missing.add(check.get());
                }
            }
            return missing;
        }
    }

    /** The demo app's ledger: a point type and a user account that transfers issue points to. */
    private record Ledger(LedgerApi api, PointType gold, String alice) {

        static Ledger setUp(LedgerApi api) {
            PointType gold = api.createPointType(new NewPointType("gold", "金币", 2));
            api.registerReason(NewReason.of(ISSUE, "issue points"));
            String alice =
                    api.openAccount(new NewAccount("gold", "USER", "alice")).accountId();
            return new Ledger(api, gold, alice);
        }

        void issue(String transferId) {
            api.transfer(NewTransfer.of(transferId, "gold", gold.centralBank(), alice, 1, ISSUE));
        }
    }
}
