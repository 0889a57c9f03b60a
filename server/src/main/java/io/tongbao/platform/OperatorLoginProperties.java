package io.tongbao.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed operator logins are held back (docs/security.md). {@code maxFailures} in a row lock a username for
 * {@code lockout}, on every node. Failed logins are also rate limited before any password is hashed: per username
 * ({@code failuresPerUser} at once, refilled over {@code failureRefill}) and per source address
 * ({@code failuresPerSource}, same refill). At most {@code concurrentHashes} password hashes are computed at once; a
 * login that waits longer than {@code hashWait} for its turn is answered 503. A successful login is remembered for
 * {@code successTtl} (keyed by a keyed hash of the name and password), so automation does not pay a hash per call.
 */
@ConfigurationProperties("tongbao.operator-login")
record OperatorLoginProperties(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("10") int failuresPerUser,
        @DefaultValue("30") int failuresPerSource,
        @DefaultValue("1m") Duration failureRefill,
        @DefaultValue("1") int concurrentHashes,
        @DefaultValue("2s") Duration hashWait,
        @DefaultValue("1m") Duration successTtl) {}
