package io.tongbao.webhook;

import io.tongbao.shared.log.LogValues;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. Each is claimed in the database with a lease longer than a send can take, so one delivery is
 * attempted by one node at a time; each runs on its own virtual thread, and at most
 * {@code max-concurrent-per-endpoint} at once per endpoint, so a slow merchant delays nobody else. A crash between
 * sending and recording lets the lease run out and the event is sent again: receivers dedupe by event id.
 * <p>
 * A delivery waits on its own thread for a slot of its endpoint (at most the send timeout, so that wait, send and
 * record stay inside the lease); only one that waited that long is pushed back. A full batch is followed by the next
 * at once, up to {@link #MAX_IN_FLIGHT} deliveries held by this node, so an endpoint's throughput is bounded by its
 * slots and its answer time, not by the poll (docs/benchmarks.md).
 */
@Component
class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    /** Claimed and not yet recorded on this node: bounds what one node takes while its endpoints are slow. */
    static final int MAX_IN_FLIGHT = 1_000;

    private final DeliveryStore deliveries;
    private final WebhookSender sender;
    private final TargetPolicy targets;
    private final RetrySchedules schedules;
    private final WebhookProperties properties;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Semaphore> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    WebhookDispatcher(
            DeliveryStore deliveries,
            WebhookSender sender,
            TargetPolicy targets,
            RetrySchedules schedules,
            WebhookProperties properties,
            Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.targets = targets;
        this.schedules = schedules;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tongbao.webhooks.poll-interval:PT0.25S}", initialDelayString = "PT1S")
    void dispatchDue() {
        if (!properties.dispatcherEnabled()) {
            return;
        }
        int claimedNow;
        do {
            int room = Math.min(BATCH, MAX_IN_FLIGHT - inFlight.get());
            if (room <= 0) {
                return;
            }
            Instant now = clock.instant();
            List<DeliveryStore.Claimed> due = deliveries.claimDue(now, now.plus(lease()), room);
            for (DeliveryStore.Claimed claimed : due) {
                inFlight.incrementAndGet();
                workers.submit(() -> {
                    try {
                        deliver(claimed);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
            claimedNow = due.size();
        } while (claimedNow == BATCH);
    }

    /**
     * A new delivery has committed: look for due work now rather than at the next poll. Wake-ups that come while one
     * is pending are one; claiming with {@code skip locked} makes a wake-up beside the scheduled run harmless.
     */
    void wakeUp() {
        if (!properties.dispatcherEnabled() || !wakeUpPending.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.submit(() -> {
                wakeUpPending.set(false);
                dispatchDue();
            });
        } catch (RejectedExecutionException stopping) {
            // the node is stopping; the delivery waits in the database for the next node's poll
        }
    }

    void deliver(DeliveryStore.Claimed claimed) {
        Semaphore endpoint = endpoints.computeIfAbsent(
                endpointOf(claimed.url()), key -> new Semaphore(properties.maxConcurrentPerEndpoint()));
        try {
            if (!endpoint.tryAcquire(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                deliveries.postpone(claimed.id(), clock.instant().plusSeconds(1));
                return;
            }
        } catch (InterruptedException stopping) {
            // the node is stopping: the claim's lease brings the delivery back, here or on another node
            Thread.currentThread().interrupt();
            return;
        }
        try {
            attempt(claimed);
        } catch (RuntimeException e) {
            // the exception may quote the merchant's URL or answer: escaped and clipped
            log.warn(
                    "webhook delivery {} failed unexpectedly; its lease will bring it back: {}",
                    claimed.id(),
                    LogValues.safe(e.toString(), 500));
        } finally {
            endpoint.release();
        }
    }

    private void attempt(DeliveryStore.Claimed claimed) {
        Optional<String> refused = targets.refusal(claimed.url());
        if (refused.isPresent()) {
            Instant now = clock.instant();
            deliveries.recordAttempt(
                    claimed.id(), now, new WebhookSender.Result(null, 0, null, "refused: " + refused.get()));
            // retrying will not make an internal address external
            deliveries.dead(claimed.id(), null, "refused: " + refused.get(), now);
            return;
        }
        Instant started = clock.instant();
        WebhookSender.Result result =
                sender.send(claimed.appId(), claimed.eventId(), claimed.type(), claimed.url(), claimed.payload());
        Instant now = clock.instant();
        deliveries.recordAttempt(claimed.id(), started, result);
        if (result.delivered()) {
            deliveries.succeeded(claimed.id(), Objects.requireNonNull(result.status()), now); // delivered: it answered
            return;
        }
        String error = result.error() != null ? result.error() : "HTTP " + result.status();
        List<Duration> schedule = schedules.forApp(claimed.appId());
        int failedAttempts = claimed.attemptCount() + 1;
        if (failedAttempts > schedule.size()) {
            deliveries.dead(claimed.id(), result.status(), error, now);
        } else {
            deliveries.retryAt(claimed.id(), now.plus(schedule.get(failedAttempts - 1)), result.status(), error, now);
        }
    }

    private Duration lease() {
        return properties.timeout().multipliedBy(3);
    }

    private static String endpointOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void destroy() {
        workers.shutdown();
    }
}
