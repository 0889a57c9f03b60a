package io.tongbao.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves forward, so that schedules of hours and hold timeouts pass without sleeping. Two kinds:
 * {@link #MutableClock()} is real time plus the offset (for tests that run the whole application, whose
 * databases and HTTP clients keep their own time); {@link #MutableClock(Instant)} stands still at a start and moves
 * only when the test advances it (for module tests that want exact instants).
 */
public final class MutableClock extends Clock {

    private final Instant start;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Real time plus the offset the test moves forward. */
    public MutableClock() {
        this.start = null;
    }

    /** Stands still at {@code start} until the test moves it. */
    public MutableClock(Instant start) {
        this.start = start;
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return (start == null ? Instant.now() : start).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
