package io.tongbao.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's business time: a base clock plus an offset that only grows. Trade expiry, refund windows and
 * notification retry schedules follow it, so that a test can run Alipay's 24-hour retry schedule in seconds.
 * <p>
 * Transport freshness (WeChat Pay's 5-minute response window) follows {@link #wallClock()} instead, because the
 * official SDKs compare those timestamps with their own {@code Instant.now()}.
 * <p>
 * Deliberately not a {@link Clock} subclass: a host application that has its own {@code Clock} bean must not find
 * two candidates when it injects one. {@link #asClock()} gives a view for code that wants a {@code Clock}.
 */
public final class SandboxClock {

    /** Both channels express local times in China Standard Time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock wall;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final List<Runnable> advanceListeners = new CopyOnWriteArrayList<>();

    public SandboxClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    public static SandboxClock system() {
        return new SandboxClock(Clock.systemUTC());
    }

    public Instant instant() {
        return wall.instant().plus(offset.get());
    }

    /**
     * Moves business time forward. Time never goes back, so that schedules already computed stay in order.
     *
     * @return the total offset from the wall clock after the move
     */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward, not by " + by);
        }
        Duration total = offset.accumulateAndGet(by, Duration::plus);
        advanceListeners.forEach(Runnable::run);
        return total;
    }

    public Duration offset() {
        return offset.get();
    }

    public Clock wallClock() {
        return wall;
    }

    /** A {@link Clock} that reads this sandbox time, in China Standard Time. */
    public Clock asClock() {
        return new View(this, CHINA);
    }

    /** Lets a scheduler wake up at once when time jumps instead of sleeping through due work. */
    public void onAdvance(Runnable listener) {
        advanceListeners.add(listener);
    }

    private static final class View extends Clock {
        private final SandboxClock source;
        private final ZoneId zone;

        private View(SandboxClock source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return source.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new View(source, other);
        }
    }
}
