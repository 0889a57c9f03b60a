package io.tongbao.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs an operation from N threads for a fixed time (closed loop: each thread starts its next call when the last
 * one answered), or at a fixed rate (open loop), and reports units per second (an operation may count for several
 * units: a batch of 1,000 transfers counts 1,000) and the latency of the operations.
 */
final class Load {

    /** One call; returns how many units it completed. */
    @FunctionalInterface
    interface Operation {
        int run(int worker, long sequence) throws Exception;
    }

    record Result(double perSecond, long units, long operations, long failures, double p50Millis, double p99Millis) {}

    private Load() {}

    static Result run(int clients, Duration duration, Operation operation) throws Exception {
        CpuMeter cpu = new CpuMeter();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> workers = new ArrayList<>();
        long[][] latencies = new long[clients][];
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            long[] window = new long[2];
            for (int w = 0; w < clients; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    start.await();
                    long units = 0;
                    long operations = 0;
                    long failures = 0;
                    long[] samples = new long[1 << 14];
                    long deadline = window[1];
                    while (System.nanoTime() < deadline) {
                        long began = System.nanoTime();
                        try {
                            units += operation.run(worker, operations);
                        } catch (Exception e) {
                            failures++;
                            if (failures == 1) {
                                System.err.println("[bench] worker " + worker + ": " + e);
                            }
                        }
                        long took = System.nanoTime() - began;
                        if (operations == samples.length) {
                            samples = Arrays.copyOf(samples, samples.length * 2);
                        }
                        samples[(int) operations++] = took;
                    }
                    latencies[worker] = Arrays.copyOf(samples, (int) operations);
                    return new long[] {units, operations, failures};
                }));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + duration.toNanos();
            start.countDown();
            long units = 0;
            long operations = 0;
            long failures = 0;
            for (Future<long[]> worker : workers) {
                long[] counts = worker.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
                units += counts[0];
                operations += counts[1];
                failures += counts[2];
            }
            double seconds = (System.nanoTime() - window[0]) / 1e9;
            long[] all = Arrays.stream(latencies)
                    .flatMapToLong(Arrays::stream)
                    .sorted()
                    .toArray();
            System.err.println(cpu.perUnit(clients + " clients", units));
            return new Result(
                    units / seconds, units, operations, failures, percentile(all, 0.50), percentile(all, 0.99));
        }
    }

    /**
     * Open loop: starts an operation every 1/{@code perSecond} s for {@code duration}, whatever the earlier ones are
     * doing, with at most {@code maxInFlight} outstanding (then the next start waits). A latency counts from the
     * moment the operation was due, not from when it could start, so a stall of the server shows in the
     * percentiles instead of quietly slowing the arrivals (coordinated omission).
     */
    static Result paced(double perSecond, Duration duration, int maxInFlight, Operation operation) throws Exception {
        int planned = (int) Math.ceil(perSecond * duration.toNanos() / 1e9);
        long interval = (long) (1e9 / perSecond);
        long[] latencies = new long[planned];
        CpuMeter cpu = new CpuMeter();
        AtomicLong units = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < planned; i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                int sequence = i;
                pool.execute(() -> {
                    try {
                        units.addAndGet(operation.run(sequence % maxInFlight, sequence));
                    } catch (Exception e) {
                        if (failures.incrementAndGet() == 1) {
                            System.err.println("[bench] paced call " + sequence + ": " + e);
                        }
                    } finally {
                        latencies[sequence] = System.nanoTime() - due;
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.err.println(cpu.perUnit("paced " + perSecond + "/s", units.get()));
        return new Result(
                units.get() / seconds,
                units.get(),
                planned,
                failures.get(),
                percentile(latencies, 0.50),
                percentile(latencies, 0.99));
    }

    /** Runs {@code task} for 0..count-1 on {@code threads} threads and returns when all are done. */
    static void parallel(int threads, int count, IntConsumer task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
    }

    static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
