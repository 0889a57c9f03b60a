package io.tongbao.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Machine time around a measured window: the CPU this JVM used (the application and its benchmark clients share it)
 * and the CPU of the PostgreSQL service's processes (the postmaster whose parent is init, found in /proc, and its
 * children: the benchmark's backends). Steadier than throughput on a shared machine: other work slows the window
 * down but does not add to these counters. Linux only; elsewhere the PostgreSQL half is left out.
 */
final class CpuMeter {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final Optional<Long> POSTMASTER = findPostmaster();

    private final long jvmStart = OS.getProcessCpuTime();
    private final Map<Long, Long> postgresStart = postgresTicks();

    /**
     * One line for the log: CPU microseconds per unit of work, the JVM's and PostgreSQL's, named by the benchmark
     * method and line that ran the window (e.g. {@code LedgerBenchmark.uniform:106}).
     */
    String perUnit(String what, long units) {
        double jvm = (OS.getProcessCpuTime() - jvmStart) / 1e3 / Math.max(1, units);
        String caller = StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> !f.getClassName().equals(CpuMeter.class.getName())
                                && !f.getClassName().equals(Load.class.getName()))
                        .findFirst()
                        .map(f -> f.getClassName().replaceAll(".*\\.", "").replaceAll("\\$.*", "") + "."
                                + f.getMethodName().replaceAll("^lambda\\$", "").replaceAll("\\$\\d+$", "") + ":"
                                + f.getLineNumber())
                        .orElse("?"));
        String line = String.format("[bench] cpu %s %s: %.1f µs JVM per unit", caller, what, jvm);
        if (POSTMASTER.isPresent()) {
            line += String.format(
                    ", %.1f µs PostgreSQL per unit", postgresNanosSinceStart() / 1e3 / Math.max(1, units));
        }
        return line + " (" + units + " units)";
    }

    /**
     * CPU ticks of the postmaster and its children, by process: a backend that exits during the window takes its
     * ticks with it, so the window counts only what the processes alive at its end used since its start (a backend
     * gone before the end is left out: an undercount, never a negative).
     */
    private static Map<Long, Long> postgresTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        if (POSTMASTER.isEmpty()) {
            return ticks;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                List<String> fields = stat(process);
                long pid = Long.parseLong(process.getFileName().toString());
                if (fields.size() > 14
                        && (pid == POSTMASTER.get() || Long.parseLong(fields.get(1)) == POSTMASTER.get())) {
                    ticks.put(pid, Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)));
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private long postgresNanosSinceStart() {
        long ticks = 0;
        for (Map.Entry<Long, Long> now : postgresTicks().entrySet()) {
            ticks += now.getValue() - postgresStart.getOrDefault(now.getKey(), 0L);
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** The fields of /proc/pid/stat after the command name (which may hold spaces): state, ppid, …, utime, stime. */
    private static List<String> stat(Path process) {
        try {
            String text = Files.readString(process.resolve("stat"));
            return List.of(text.substring(text.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    private static Optional<Long> findPostmaster() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        List<String> fields = stat(p);
                        return fields.size() > 1
                                && fields.get(1).equals("1")
                                && command(p).contains("postgres")
                                && !command(p).contains("/tmp/");
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
