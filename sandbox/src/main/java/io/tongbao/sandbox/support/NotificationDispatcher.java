package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.fault.FaultKind;
import io.tongbao.sandbox.fault.FaultRegistry;
import io.tongbao.sandbox.fault.FaultRule;
import io.tongbao.sandbox.support.NotificationRecord.State;
import io.tongbao.sandbox.support.OutboundNotification.Tampering;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Sends notifications on their channel's retry schedule in sandbox time, applying the notification faults in
 * force, and keeps a record of every attempt (of the newest {@code kept-notifications} finished notifications, and of
 * every unfinished one).
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
public class NotificationDispatcher {

    /** A reorder fault never keeps a notification forever: it goes out after this long at the latest. */
    private static final Duration DEFAULT_REORDER_HOLD = Duration.ofMinutes(1);

    private static final int KEPT_BODY_CHARS = 200;

    private final SandboxScheduler scheduler;
    private final FaultRegistry faults;
    private final SandboxClock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final int keptFinished;
    private final AtomicLong order = new AtomicLong();
    /** Every delivery in the order it was registered; finished ones beyond {@link #keptFinished} are forgotten. */
    private final ConcurrentSkipListMap<Long, Delivery> deliveries = new ConcurrentSkipListMap<>();

    private final AtomicInteger finished = new AtomicInteger();
    private final ReentrantLock trimming = new ReentrantLock();
    private final Map<String, Delivery> heldForReorder = new ConcurrentHashMap<>();

    public NotificationDispatcher(
            SandboxScheduler scheduler, FaultRegistry faults, SandboxClock clock, SandboxProperties properties) {
        this.scheduler = scheduler;
        this.faults = faults;
        this.clock = clock;
        this.timeout = properties.notifyTimeout();
        this.keptFinished = properties.keptNotifications();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public void dispatch(OutboundNotification notification) {
        if (fault(FaultKind.NOTIFY_DROP, notification).isPresent()) {
            finish(register(notification, 1, Tampering.NONE), State.DROPPED);
            return;
        }
        Tampering tampering = fault(FaultKind.NOTIFY_TAMPER_SIGNATURE, notification)
                .map(rule -> Tampering.SIGNATURE)
                .or(() -> fault(FaultKind.NOTIFY_TAMPER_AMOUNT, notification).map(rule -> Tampering.AMOUNT))
                .orElse(Tampering.NONE);
        Duration delay = fault(FaultKind.NOTIFY_DELAY, notification)
                .map(FaultRule::delay)
                .orElse(Duration.ZERO);
        int copies = fault(FaultKind.NOTIFY_DUPLICATE, notification)
                .map(FaultRule::count)
                .orElse(1);
        Optional<FaultRule> reorder = fault(FaultKind.NOTIFY_REORDER, notification);

        List<Delivery> created = new ArrayList<>();
        for (int copy = 1; copy <= copies; copy++) {
            created.add(register(notification, copy, tampering));
        }
        if (reorder.isPresent()) {
            reorder(notification.account(), created.getFirst(), reorder.get());
            created.stream().skip(1).forEach(delivery -> start(delivery, delay));
        } else {
            created.forEach(delivery -> start(delivery, delay));
        }
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    public List<NotificationRecord> find(String account, String outTradeNo) {
        return deliveries.values().stream()
                .filter(delivery ->
                        account == null || delivery.notification.account().equals(account))
                .filter(delivery -> outTradeNo == null || outTradeNo.equals(delivery.notification.outTradeNo()))
                .map(Delivery::snapshot)
                .toList();
    }

    private void reorder(String account, Delivery newest, FaultRule rule) {
        Delivery held = heldForReorder.remove(account);
        if (held == null) {
            newest.hold();
            heldForReorder.put(account, newest);
            Duration longestHold = rule.delay().isZero() ? DEFAULT_REORDER_HOLD : rule.delay();
            scheduler.after(longestHold, "release held notification " + newest.notification.id(), () -> {
                if (heldForReorder.remove(account, newest)) {
                    start(newest, Duration.ZERO);
                }
            });
            return;
        }
        start(newest, Duration.ZERO);
        // one second of sandbox time keeps "newer first" true even if the receiver handles requests in parallel
        start(held, Duration.ofSeconds(1));
    }

    private Optional<FaultRule> fault(FaultKind kind, OutboundNotification notification) {
        return faults.take(kind, notification.account(), notification.outTradeNo());
    }

    private Delivery register(OutboundNotification notification, int copy, Tampering tampering) {
        Delivery delivery = new Delivery(notification, copy, tampering);
        deliveries.put(order.incrementAndGet(), delivery);
        return delivery;
    }

    private void start(Delivery delivery, Duration delay) {
        delivery.pending();
        Instant due = clock.instant().plus(delay);
        scheduler.at(due, "notify " + delivery.notification.id(), () -> attempt(delivery, 1, due));
    }

    /**
     * The next try is due one interval after this one was due, not after it ran: when a test jumps the clock by a
     * day, every try that the day would have seen runs, in order, as it would have.
     */
    private void attempt(Delivery delivery, int attempt, Instant due) {
        OutboundNotification notification = delivery.notification;
        // in sandbox time a try happens when it is due, even if a clock jump let the dispatcher run it late
        Instant sentAt = due;
        DeliveryAttempt result;
        try {
            HttpResponse<String> response = http.send(
                    notification
                            .request(sentAt, delivery.tampering)
                            .timeout(timeout)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean acknowledged = notification.acknowledged(response.statusCode(), response.body());
            result = new DeliveryAttempt(
                    attempt, sentAt, response.statusCode(), shorten(response.body()), null, acknowledged);
        } catch (IOException e) {
            result = new DeliveryAttempt(attempt, sentAt, 0, null, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new DeliveryAttempt(attempt, sentAt, 0, null, "interrupted", false);
        }
        delivery.record(result);
        List<Duration> intervals = notification.retryIntervals();
        if (result.acknowledged()) {
            finish(delivery, State.ACKNOWLEDGED);
        } else if (attempt <= intervals.size()) {
            Instant next = due.plus(intervals.get(attempt - 1));
            scheduler.at(next, "retry " + notification.id(), () -> attempt(delivery, attempt + 1, next));
        } else {
            finish(delivery, State.GAVE_UP);
        }
    }

    private void finish(Delivery delivery, State finalState) {
        delivery.finish(finalState);
        if (finished.incrementAndGet() > keptFinished) {
            forgetOldestFinished();
        }
    }

    /**
     * One thread trims at a time and the others go on; the trimmer looks again after letting go, so a finish that
     * came while it held the lock is not left over.
     */
    private void forgetOldestFinished() {
        while (finished.get() > keptFinished && trimming.tryLock()) {
            try {
                Iterator<Delivery> oldestFirst = deliveries.values().iterator();
                while (finished.get() > keptFinished && oldestFirst.hasNext()) {
                    if (oldestFirst.next().isFinished()) {
                        oldestFirst.remove();
                        finished.decrementAndGet();
                    }
                }
            } finally {
                trimming.unlock();
            }
        }
    }

    private static String shorten(String body) {
        return body == null || body.length() <= KEPT_BODY_CHARS ? body : body.substring(0, KEPT_BODY_CHARS);
    }

    private static final class Delivery {
        private final OutboundNotification notification;
        private final int copy;
        private final Tampering tampering;
        private final List<DeliveryAttempt> attempts = new ArrayList<>();
        private State state = State.PENDING;

        private Delivery(OutboundNotification notification, int copy, Tampering tampering) {
            this.notification = notification;
            this.copy = copy;
            this.tampering = tampering;
        }

        synchronized void hold() {
            state = State.HELD;
        }

        synchronized void pending() {
            state = State.PENDING;
        }

        synchronized void record(DeliveryAttempt attempt) {
            attempts.add(attempt);
        }

        synchronized void finish(State finalState) {
            state = finalState;
        }

        synchronized boolean isFinished() {
            return state == State.ACKNOWLEDGED || state == State.GAVE_UP || state == State.DROPPED;
        }

        synchronized NotificationRecord snapshot() {
            return new NotificationRecord(
                    notification.id(),
                    notification.channel(),
                    notification.account(),
                    notification.outTradeNo(),
                    notification.summary(),
                    notification.target().toString(),
                    copy,
                    tampering.name(),
                    state,
                    List.copyOf(attempts));
        }
    }
}
