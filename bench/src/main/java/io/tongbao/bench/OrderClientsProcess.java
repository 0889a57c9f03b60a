package io.tongbao.bench;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.TongbaoClient;
import java.time.Duration;
import java.util.List;

/**
 * The unified order's clients in a JVM of their own, as a merchant's servers are: their allocations, collections
 * and virtual-thread carriers are then not the application's. Started by {@link PaymentBenchmark} with the app's
 * id in {@code bench.app-id} and its HMAC secret in the environment ({@code BENCH_HMAC_SECRET}, never on the command
 * line); warms up, measures, and prints each report row on standard output after {@value #CLOSED} or {@value #HALF}.
 */
public final class OrderClientsProcess {

    static final String CLOSED = "ROW closed ";
    static final String HALF = "ROW half ";
    static final String SECRET_VARIABLE = "BENCH_HMAC_SECRET";

    private OrderClientsProcess() {}

    public static void main(String[] args) throws Exception {
        String secret = System.getenv(SECRET_VARIABLE);
        if (secret == null) {
            throw new IllegalStateException(SECRET_VARIABLE + " is not set");
        }
        PaymentApi payments = TongbaoClient.builder()
                .baseUrl(BenchProperties.string("bench.base-url", null))
                .appId(BenchProperties.string("bench.app-id", null))
                .hmacSecret(secret)
                .maxRetries(0)
                .build()
                .payments();
        UnifiedOrderFigures figures = new UnifiedOrderFigures(
                payments,
                BenchProperties.integer("bench.seconds", 10),
                BenchProperties.integer("bench.repeats", 3),
                BenchProperties.integer("bench.max-in-flight", 256));
        List<String> payWays = BenchProperties.strings("bench.pay-ways", "ALIPAY_PC,ALIPAY_QR");
        Duration warmUp = Duration.ofSeconds(BenchProperties.integer("bench.warmup-seconds", 15));
        for (String way : payWays) {
            Load.run(4, warmUp, (w, n) -> figures.order(way));
        }
        UnifiedOrderFigures.Rows rows =
                figures.measure(payWays, BenchProperties.ints("bench.order-clients", "1,4,16,64"));
        rows.closedLoop().forEach(row -> System.out.println(CLOSED + row));
        rows.atHalf().forEach(row -> System.out.println(HALF + row));
        System.exit(0);
    }
}
