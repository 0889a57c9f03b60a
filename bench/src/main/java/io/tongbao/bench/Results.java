package io.tongbao.bench;

import java.util.List;

/** Medians over the repeats of one figure. */
final class Results {

    private Results() {}

    static double medianRate(List<Load.Result> results) {
        return Load.median(results.stream().map(Load.Result::perSecond).toList());
    }

    static double medianP50(List<Load.Result> results) {
        return Load.median(results.stream().map(Load.Result::p50Millis).toList());
    }

    static double medianP99(List<Load.Result> results) {
        return Load.median(results.stream().map(Load.Result::p99Millis).toList());
    }

    /** All failed operations of all repeats: a figure with failures is not clean, whatever its median says. */
    static long failures(List<Load.Result> results) {
        return results.stream().mapToLong(Load.Result::failures).sum();
    }
}
