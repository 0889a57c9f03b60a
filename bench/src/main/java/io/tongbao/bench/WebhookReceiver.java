package io.tongbao.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merchant's webhook endpoint on 127.0.0.1 that answers 200 at once, as docs/webhooks.md asks ("answer fast; do
 * the slow work afterwards"). It tells a waiting benchmark when the webhook about a payment arrived, and counts
 * deliveries and duplicates (by {@code Tongbao-Event-Id}).
 */
final class WebhookReceiver implements AutoCloseable {

    private static final Pattern PAYMENT_ID = Pattern.compile("\"payment_id\":\"([^\"]+)\"");
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();
    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getByName(RunningTongbao.LOOPBACK), 0), 256);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/hooks", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    String url() {
        return "http://" + RunningTongbao.LOOPBACK + ":" + server.getAddress().getPort() + "/hooks";
    }

    /** Completes with the {@code System.nanoTime()} at which the first webhook naming the payment arrived. */
    CompletableFuture<Long> expect(String paymentId) {
        return awaited.computeIfAbsent(paymentId, id -> new CompletableFuture<>());
    }

    /** Stops waiting for a payment whose webhook did not come in time, so that the map does not grow. */
    void forget(String paymentId) {
        awaited.remove(paymentId);
    }

    long deliveries() {
        return deliveries.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        deliveries.incrementAndGet();
        String eventId = exchange.getRequestHeaders().getFirst("Tongbao-Event-Id");
        if (eventId != null && !events.add(eventId)) {
            duplicates.incrementAndGet();
        }
        Matcher paymentId = PAYMENT_ID.matcher(body);
        if (paymentId.find()) {
            CompletableFuture<Long> waiting = awaited.remove(paymentId.group(1));
            if (waiting != null) {
                waiting.complete(arrived);
            }
        }
        exchange.sendResponseHeaders(200, OK.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(OK);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
