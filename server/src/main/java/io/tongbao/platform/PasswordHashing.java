package io.tongbao.platform;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A bulkhead around password hashing: BCrypt costs tens of milliseconds of CPU by design, so a flood of logins
 * hashed at once takes every core from the merchant API (docs/benchmarks.md). At most {@code tongbao.operator-login.concurrent-hashes} hashes run at once; a caller that cannot get a
 * turn within {@code hash-wait} is answered 503 instead of queueing without bound.
 */
@Component
class PasswordHashing {

    private final PasswordEncoder passwords;
    private final Semaphore turns;
    private final long waitNanos;

    PasswordHashing(PasswordEncoder passwords, OperatorLoginProperties properties) {
        this.passwords = passwords;
        this.turns = new Semaphore(properties.concurrentHashes(), true);
        this.waitNanos = properties.hashWait().toNanos();
    }

    boolean matches(String raw, String hash) {
        return withTurn(() -> passwords.matches(raw, hash));
    }

    String encode(String raw) {
        return withTurn(() -> passwords.encode(raw));
    }

    /** Runs {@code hashing} in a turn of its own; anything it checks first (a throttle) is checked in the turn too. */
    <T> T withTurn(Supplier<T> hashing) {
        try {
            if (!turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw LoginRefused.busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LoginRefused.busy();
        }
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }
}
