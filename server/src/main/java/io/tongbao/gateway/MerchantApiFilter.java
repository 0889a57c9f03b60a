package io.tongbao.gateway;

import io.tongbao.merchant.ApiCaller;
import io.tongbao.shared.log.LogValues;
import io.tongbao.shared.web.ApiError;
import io.tongbao.shared.web.ApiErrorCodes;
import io.tongbao.shared.web.MerchantCaller;
import io.tongbao.shared.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.ObjectMapper;

/**
 * The merchant API contract, in front of every {@code /api/v1} endpoint: signature, replay and timestamp
 * checks, tenant status, rate limit, idempotency keys, a signed response, and a call-log row.
 */
class MerchantApiFilter extends OncePerRequestFilter {

    static final String APP_ID = "Tongbao-App-Id";
    static final String TIMESTAMP = "Tongbao-Timestamp";
    static final String NONCE = "Tongbao-Nonce";
    static final String SIGNATURE = "Tongbao-Signature";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(MerchantApiFilter.class);
    private static final Pattern IDEMPOTENCY_KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Wider than the ids Tongbao gives ({@code app_} and 20 characters), narrow enough to keep junk out of the limiter. */
    private static final Pattern APP_ID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final RequestAuthenticator.Refused INVALID_SIGNATURE = RequestAuthenticator.invalidSignature();

    private final SecureRandom random = new SecureRandom();
    private final RequestAuthenticator authenticator;
    private final IdempotencyStore idempotency;
    private final RateLimiter rateLimiter;
    private final SourceFailureLimiter sourceFailures;
    private final CallLog callLog;
    private final ApiProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    MerchantApiFilter(
            RequestAuthenticator authenticator,
            IdempotencyStore idempotency,
            RateLimiter rateLimiter,
            SourceFailureLimiter sourceFailures,
            CallLog callLog,
            ApiProperties properties,
            ObjectMapper json,
            Clock clock,
            TransactionTemplate transactions) {
        this.sourceFailures = sourceFailures;
        this.transactions = transactions;
        this.authenticator = authenticator;
        this.idempotency = idempotency;
        this.rateLimiter = rateLimiter;
        this.callLog = callLog;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        Exchange exchange = new Exchange(request, response);
        try {
            serve(exchange, chain);
        } catch (CannotGetJdbcConnectionException | CannotCreateTransactionException busy) {
            // before or after the handler (nonce, idempotency key): the handler's own are answered by
            // ApiExceptionHandler
            if (response.isCommitted()) {
                throw busy;
            }
            log.warn(
                    "no database connection for {} {}: {}",
                    LogValues.safe(request.getMethod()),
                    LogValues.safe(path(request)),
                    busy.getMessage());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            refuse(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ApiErrorCodes.SERVICE_BUSY,
                    ApiErrorCodes.SERVICE_BUSY_MESSAGE,
                    null);
        } finally {
            callLog.record(new CallLog.Call(
                    RequestIds.of(request),
                    exchange.merchantId,
                    exchange.claimedAppId,
                    request.getMethod(),
                    path(request),
                    exchange.status,
                    exchange.errorCode,
                    (int) Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    OffsetDateTime.now(clock)));
        }
    }

    /**
     * Cheapest refusals first, so that a flood costs as little as possible: a source that has sent too many requests
     * that failed authentication, a body that is not JSON, a malformed query, an app over its rate limit (as claimed:
     * before the signature is checked, so forgeries naming an app spend its budget rather than the database's); then
     * the signature (cached keys, no transaction); then, for a verified signature only, one transaction.
     */
    private void serve(Exchange exchange, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = exchange.request;
        String source = request.getRemoteAddr();
        exchange.claimedAppId = request.getHeader(APP_ID);
        Optional<Duration> sourceWait = sourceFailures.blocked(source);
        if (sourceWait.isPresent()) {
            rateLimited(
                    exchange,
                    sourceWait.get(),
                    "too many requests from this address failed authentication; retry later");
            return;
        }
        if (carriesBody(request) && !isJson(request.getContentType())) {
            // a form body would already have been consumed as parameters (for PUT, by Spring's FormContentFilter)
            refuse(
                    exchange,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "send the body as application/json (UTF-8)",
                    null);
            return;
        }
        List<Map.Entry<String, String>> query;
        try {
            query = CanonicalStrings.parameters(request.getQueryString());
        } catch (IllegalArgumentException e) {
            refuse(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    "query: invalid percent-encoding (encode '%' as %25)",
                    null);
            return;
        }
        if (exchange.claimedAppId != null) {
            if (!APP_ID_FORMAT.matcher(exchange.claimedAppId).matches()) {
                // no app has such an id: the answer of an unknown app, without the work
                sourceFailures.failed(source);
                refuse(exchange, HttpStatus.UNAUTHORIZED, INVALID_SIGNATURE.code(), INVALID_SIGNATURE.message(), null);
                return;
            }
            Optional<Duration> wait = rateLimiter.tryAcquire(exchange.claimedAppId);
            if (wait.isPresent()) {
                rateLimited(exchange, wait.get(), "too many requests for this app; retry later");
                return;
            }
        }
        Optional<byte[]> body = readBody(request);
        if (body.isEmpty()) {
            refuse(
                    exchange,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "BODY_TOO_LARGE",
                    "the request body exceeds " + properties.maxBodyBytes() + " bytes",
                    null);
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request, body.get(), query);
        long verifying = System.nanoTime();
        RequestAuthenticator.Verification verification = authenticator.verify(new RequestAuthenticator.SignedRequest(
                request.getMethod(),
                path(request),
                request.getQueryString(),
                exchange.claimedAppId,
                request.getHeader(TIMESTAMP),
                request.getHeader(NONCE),
                request.getHeader(SIGNATURE),
                cached.body()));
        if (verification instanceof RequestAuthenticator.Refused refused) {
            sourceFailures.failed(source);
            if (INVALID_SIGNATURE.code().equals(refused.code())) {
                holdUntil(verifying + properties.invalidSignatureFloor().toNanos());
            }
            refuse(exchange, refused.status(), refused.code(), refused.message(), null);
            return;
        }
        RequestAuthenticator.Verified verified = (RequestAuthenticator.Verified) verification;
        exchange.merchantId = verified.caller().merchantId();
        // the nonce and the idempotency key are claimed in one transaction: one commit before the handler, not two
        Admission admission = transactions.execute(status -> admit(exchange, cached, verified));
        switch (admission) {
            case Refusal refusal -> {
                if (refusal.status() == HttpStatus.UNAUTHORIZED) {
                    sourceFailures.failed(source);
                }
                refuse(exchange, refusal.status(), refusal.code(), refusal.message(), refusal.signed());
            }
            case Replay replay -> {
                exchange.response.setHeader(REPLAYED, "true");
                exchange.errorCode = replay.kept().status() >= 400
                        ? "REPLAYED_" + replay.kept().status()
                        : null;
                write(
                        exchange,
                        replay.kept().status(),
                        replay.kept().contentType(),
                        replay.kept().body(),
                        replay.signed());
            }
            case Admitted admitted -> {
                new MerchantCaller(
                                admitted.caller().merchantId(),
                                admitted.caller().appId())
                        .bindTo(cached);
                handle(exchange, cached, chain, admitted);
            }
        }
    }

    /** What the contract decides before the handler: in one transaction, so that it costs one commit. */
    private Admission admit(Exchange exchange, CachedBodyRequest cached, RequestAuthenticator.Verified verified) {
        HttpServletRequest request = exchange.request;
        RequestAuthenticator.Outcome outcome = authenticator.admit(verified);
        if (outcome instanceof RequestAuthenticator.Refused refused) {
            return new Refusal(refused.status(), refused.code(), refused.message(), null);
        }
        RequestAuthenticator.Accepted accepted = (RequestAuthenticator.Accepted) outcome;
        ApiCaller caller = accepted.caller();
        Signed signed = new Signed(accepted.signer(), verified.nonce());
        String key = "POST".equals(request.getMethod()) ? request.getHeader(IDEMPOTENCY_KEY) : null;
        if (key == null) {
            return new Admitted(caller, signed, null);
        }
        if (!IDEMPOTENCY_KEY_FORMAT.matcher(key).matches()) {
            return new Refusal(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    "Idempotency-Key: 1 to 255 printable ASCII characters",
                    signed);
        }
        String hash = CanonicalStrings.sha256Hex(String.join(
                        "\n",
                        request.getMethod(),
                        path(request),
                        CanonicalStrings.query(request.getQueryString()),
                        CanonicalStrings.sha256Hex(cached.body()))
                .getBytes(StandardCharsets.UTF_8));
        return switch (idempotency.claim(caller.appId(), key, hash)) {
            case IdempotencyStore.Mismatch m ->
                new Refusal(
                        HttpStatus.CONFLICT,
                        "IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was used with a different request",
                        signed);
            case IdempotencyStore.InProgress p ->
                new Refusal(
                        HttpStatus.CONFLICT,
                        "REQUEST_IN_PROGRESS",
                        "a request with this Idempotency-Key is still being processed; retry shortly",
                        signed);
            case IdempotencyStore.Replay kept -> new Replay(kept, signed);
            case IdempotencyStore.Proceed p -> new Admitted(caller, signed, key);
        };
    }

    private void rateLimited(Exchange exchange, Duration wait, String message) throws IOException {
        exchange.response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds() + 1)));
        refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", message, null);
    }

    /**
     * Known and unknown app ids cost the same work (RequestAuthenticator), but not always the same reads: an id used a
     * moment ago is cached, one nobody used is read from the database. Answering no sooner than the floor keeps that,
     * too, out of the time. Parks a virtual thread; the per-source budget bounds how many.
     */
    private static void holdUntil(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean carriesBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** {@code application/json}, in UTF-8 if a charset is named: what the signature's body hash and the handlers read. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException e) { // an unparsable type or an unknown charset
            return false;
        }
    }

    private void handle(Exchange exchange, CachedBodyRequest cached, FilterChain chain, Admitted admitted)
            throws IOException, ServletException {
        ApiCaller caller = admitted.caller();
        Signed signed = admitted.signed();
        String key = admitted.idempotencyKey();
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(exchange.response);
        boolean completed = false;
        try {
            chain.doFilter(cached, buffered);
            completed = true;
        } finally {
            byte[] content = buffered.getContentAsByteArray();
            int status = buffered.getStatus();
            if (key != null) {
                if (completed && status < 500) {
                    idempotency.complete(caller.appId(), key, status, buffered.getContentType(), content);
                } else {
                    idempotency.release(caller.appId(), key);
                }
            }
            exchange.status = status;
            exchange.errorCode = ApiErrorCodes.of(cached);
            if (completed) {
                sign(exchange.response, status, content, signed);
                buffered.copyBodyToResponse();
            }
        }
    }

    private Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > properties.maxBodyBytes()) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(properties.maxBodyBytes() + 1);
            return body.length > properties.maxBodyBytes() ? Optional.empty() : Optional.of(body);
        }
    }

    private void refuse(Exchange exchange, HttpStatus status, String code, String message, @Nullable Signed signed)
            throws IOException {
        exchange.errorCode = code;
        byte[] body = json.writeValueAsBytes(new ApiError(code, message, RequestIds.of(exchange.request)));
        write(exchange, status.value(), MediaType.APPLICATION_JSON_VALUE, body, signed);
    }

    private void write(
            Exchange exchange, int status, @Nullable String contentType, byte[] body, @Nullable Signed signed)
            throws IOException {
        exchange.status = status;
        HttpServletResponse response = exchange.response;
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        sign(response, status, body, signed);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Unsigned only when the caller was not authenticated: then there is no agreed key to sign with. */
    private void sign(HttpServletResponse response, int status, byte[] body, @Nullable Signed signed) {
        if (signed == null) {
            return;
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        response.setHeader(TIMESTAMP, timestamp);
        response.setHeader(NONCE, nonce);
        response.setHeader(
                SIGNATURE,
                signed.signer().sign(CanonicalStrings.response(status, signed.requestNonce(), timestamp, nonce, body)));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private record Signed(ResponseSigner signer, String requestNonce) {}

    private sealed interface Admission permits Refusal, Replay, Admitted {}

    private record Refusal(
            HttpStatus status,
            String code,
            String message,
            @Nullable Signed signed) implements Admission {}

    private record Replay(IdempotencyStore.Replay kept, Signed signed) implements Admission {}

    /** {@code idempotencyKey}: null when the request carries none (or is not a POST). */
    private record Admitted(
            ApiCaller caller, Signed signed, @Nullable String idempotencyKey) implements Admission {}

    /** What the call log needs to know when the request is over, however it ended. */
    private static final class Exchange {
        final HttpServletRequest request;
        final HttpServletResponse response;

        @Nullable
        String claimedAppId;

        @Nullable
        String merchantId;

        int status = 500;

        @Nullable
        String errorCode;

        Exchange(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }
    }
}
