package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work at instants of sandbox time. A JDK ScheduledExecutorService counts real nanoseconds and would sleep
 * through a clock advance; this one wakes up when the clock jumps and runs everything that became due, in order.
 * Tasks stay in memory until they run, so nothing scheduled is lost while the sandbox is up.
 */
public final class SandboxScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxScheduler.class);
    private static final Duration LONGEST_NAP = Duration.ofSeconds(1);

    private record Task(Instant due, long sequence, String name, Runnable work) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    private final SandboxClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread dispatcher;
    private volatile boolean running = true;

    public SandboxScheduler(SandboxClock clock) {
        this.clock = clock;
        clock.onAdvance(this::wake);
        this.dispatcher = Thread.ofPlatform().daemon().name("sandbox-scheduler").start(this::dispatchLoop);
    }

    public void at(Instant due, String name, Runnable work) {
        lock.lock();
        try {
            queue.add(new Task(due, sequence.incrementAndGet(), name, work));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void after(Duration delay, String name, Runnable work) {
        at(clock.instant().plus(delay), name, work);
    }

    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dispatchLoop() {
        while (running) {
            Task due = nextDueTask();
            if (due != null) {
                workers.execute(() -> run(due));
            }
        }
    }

    private Task nextDueTask() {
        lock.lock();
        try {
            Task head = queue.peek();
            if (head == null) {
                changed.await(LONGEST_NAP.toNanos(), TimeUnit.NANOSECONDS);
                return null;
            }
            Duration wait = Duration.between(clock.instant(), head.due());
            if (wait.isNegative() || wait.isZero()) {
                return queue.poll();
            }
            changed.await(Math.min(wait.toNanos(), LONGEST_NAP.toNanos()), TimeUnit.NANOSECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        } finally {
            lock.unlock();
        }
    }

    private static void run(Task task) {
        try {
            task.work().run();
        } catch (RuntimeException e) {
            log.warn("sandbox task {} failed", task.name(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        workers.shutdownNow();
    }
}
