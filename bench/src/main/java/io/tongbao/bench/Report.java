package io.tongbao.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A Markdown report, printed as it grows (a long run shows its figures as they come) and written to
 * {@code bench/target/<name>-report.md} at the end.
 */
final class Report {

    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

    private final StringBuilder text = new StringBuilder();
    private final Path file;
    private int printed;

    Report(String name) {
        this.file = Path.of("bench", "target", name + "-report.md");
    }

    /** The title and what a reader needs to judge every figure: the machine, its load, PostgreSQL and its settings. */
    void header(String title, PostgresServer postgres, int repeats, int seconds) throws SQLException {
        line("# " + title);
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap; load average at start: "
                + loadAverage());
        line("- PostgreSQL: " + postgres.version());
        line("- settings: " + postgres.settings());
        line("- each figure: median of " + repeats + " runs of " + seconds + " s");
    }

    void line(String line) {
        text.append(line).append('\n');
        flush();
    }

    void row(String format, Object... values) {
        line(String.format(format, values));
    }

    /** The 1-, 5- and 15-minute load averages of this machine, as the kernel reports them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(LOAD_AVERAGE).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The 1-minute load average, to put beside a figure measured just before. */
    static double oneMinuteLoad() {
        try {
            return Double.parseDouble(Files.readString(LOAD_AVERAGE).trim().split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    void write() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[bench] report written to " + file.toAbsolutePath());
    }

    private void flush() {
        System.out.print(text.substring(printed));
        System.out.flush();
        printed = text.length();
    }
}
