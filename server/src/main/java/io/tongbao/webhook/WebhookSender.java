package io.tongbao.webhook;

import io.tongbao.merchant.WebhookSignatures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One HTTP POST of an event to a merchant: signed, bounded in time (connect, each read and write, and the whole call
 * within {@code tongbao.webhooks.timeout}), redirects not followed, no proxy. The connection can only go to an
 * address the {@link TargetPolicy} allows: the client resolves names through the policy, which returns only allowed
 * addresses, and every socket checks the address it is about to connect to (which also covers IP literals, which the
 * client does not resolve). The name is resolved for the connection itself, so the address checked is the address
 * connected to, with the Host header and TLS SNI still the URL's name. Errors the merchant sees never include an
 * address.
 */
@Component
class WebhookSender {

    static final int EXCERPT = 256;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final WebhookSignatures signatures;
    private final Clock clock;

    WebhookSender(WebhookSignatures signatures, WebhookProperties properties, TargetPolicy targets, Clock clock) {
        this.signatures = signatures;
        this.clock = clock;
        Duration timeout = properties.timeout();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                // a POST is not sent again on another route by the client: the dispatcher's retries decide that
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .dns(targets::allowedAddresses)
                .socketFactory(new CheckedSocketFactory(targets))
                // one endpoint takes up to max-concurrent-per-endpoint deliveries at once; keep their connections
                .connectionPool(
                        new ConnectionPool(Math.max(5, properties.maxConcurrentPerEndpoint() * 4), 1, TimeUnit.MINUTES))
                .build();
    }

    record Result(
            @Nullable Integer status,
            long latencyMs,
            @Nullable String excerpt,
            @Nullable String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    Result send(String appId, String eventId, String eventType, String url, String payload) {
        HttpUrl target = HttpUrl.parse(url);
        if (target == null) {
            return new Result(null, 0, null, "not an http(s) URL");
        }
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Request request = new Request.Builder()
                .url(target)
                .header("User-Agent", "Tongbao-Webhooks/1")
                .header("Tongbao-Event-Id", eventId)
                .header("Tongbao-Event-Type", eventType)
                .header("Tongbao-Timestamp", Long.toString(timestamp))
                .header("Tongbao-Signature", signatures.signatureHeader(appId, timestamp, body))
                .post(RequestBody.create(body, JSON))
                .build();
        long started = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            // only what the excerpt needs is read: a merchant's endpoint cannot make us hold a large answer
            String answer = response.peekBody(EXCERPT * 4L).string();
            return new Result(response.code(), elapsed(started), excerpt(answer), null);
        } catch (IOException e) {
            return new Result(null, elapsed(started), null, describe(e));
        }
    }

    /**
     * What went wrong, in words of our own: the exceptions' messages name the address connected to ("Failed to
     * connect to host/10.0.0.5:443"), which would tell the merchant what its name resolves to inside our network.
     */
    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof TargetPolicy.Refused) {
            return "refused: " + e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            return kind + ": host does not resolve";
        }
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
            return kind + ": timed out";
        }
        if (e instanceof InterruptedIOException) {
            return "interrupted";
        }
        if (e instanceof ConnectException) {
            return kind + ": could not connect";
        }
        if (e instanceof SSLException) {
            return kind + ": TLS handshake or session failed";
        }
        return kind + ": connection failed";
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static @Nullable String excerpt(@Nullable String body) {
        return body == null ? null : body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "…";
    }

    /** Plain sockets that refuse to connect to an address the policy does not allow (TLS is layered on them). */
    private static final class CheckedSocketFactory extends SocketFactory {

        private final TargetPolicy targets;

        CheckedSocketFactory(TargetPolicy targets) {
            this.targets = targets;
        }

        @Override
        public Socket createSocket() {
            return new CheckedSocket(targets);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = createSocket();
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket socket = createSocket();
            socket.bind(new InetSocketAddress(localHost, localPort));
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket socket = createSocket();
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket socket = createSocket();
            socket.bind(new InetSocketAddress(localAddress, localPort));
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        }
    }

    private static final class CheckedSocket extends Socket {

        private final TargetPolicy targets;

        CheckedSocket(TargetPolicy targets) {
            this.targets = targets;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress address)
                    || address.getAddress() == null
                    || !targets.allows(address.getAddress())) {
                close();
                throw new TargetPolicy.Refused("the target resolves to an internal address");
            }
            super.connect(endpoint, timeout);
        }
    }
}
