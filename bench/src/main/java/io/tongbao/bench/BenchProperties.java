package io.tongbao.bench;

import java.util.Arrays;
import java.util.List;

/** Reads the benchmarks' {@code -Dbench.…} settings. */
final class BenchProperties {

    private BenchProperties() {}

    static int integer(String name, int defaultValue) {
        return Integer.getInteger(name, defaultValue);
    }

    static List<Integer> ints(String name, String defaultCsv) {
        return Arrays.stream(System.getProperty(name, defaultCsv).split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }

    static List<Long> longs(String name, String defaultCsv) {
        return Arrays.stream(System.getProperty(name, defaultCsv).split(","))
                .map(String::trim)
                .map(Long::valueOf)
                .toList();
    }

    static List<String> strings(String name, String defaultCsv) {
        return Arrays.stream(System.getProperty(name, defaultCsv).split(","))
                .map(String::trim)
                .toList();
    }

    static String string(String name, String defaultValue) {
        return System.getProperty(name, defaultValue);
    }
}
