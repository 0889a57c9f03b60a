package io.tongbao.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A merchant's webhook endpoint on loopback: records what arrives and answers the status the test sets. */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String eventId, String type, String timestamp, String signature, byte[] body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch gate;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                received.add(new Received(
                        headers.getFirst("Tongbao-Event-Id"),
                        headers.getFirst("Tongbao-Event-Type"),
                        headers.getFirst("Tongbao-Timestamp"),
                        headers.getFirst("Tongbao-Signature"),
                        body));
                CountDownLatch holding = gate;
                if (holding != null) {
                    holding.await(60, TimeUnit.SECONDS);
                }
                byte[] answer = ("{\"received\":true,\"status\":" + status.get() + "}").getBytes();
                exchange.sendResponseHeaders(status.get(), answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** A slow receiver: from now on each request is recorded on arrival and answered only after {@link #release()}. */
    public void holdAnswers() {
        gate = new CountDownLatch(1);
    }

    /** Answers every held request, and the next ones at once. */
    public void release() {
        CountDownLatch holding = gate;
        gate = null;
        if (holding != null) {
            holding.countDown();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    public List<Received> received() {
        return received;
    }

    public List<Received> receivedFor(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.eventId())).toList();
    }

    public Map<String, Integer> countsByEvent() {
        Map<String, Integer> counts = new HashMap<>();
        received.forEach(r -> counts.merge(r.eventId(), 1, Integer::sum));
        return counts;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
