package io.tongbao.shared.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Settings read on every merchant call (an app's credentials, its HMAC secrets, channel accounts, fee rates), kept in
 * memory for at most {@code ttl}, so that a call does not read them from PostgreSQL (docs/api.md). A change made on this node is seen at once: the entry is dropped when the change
 * commits. A change made on another node is seen here within {@code ttl}: that bound is the price of the cache, and
 * where it matters (a rotated secret) the caller reloads on a miss instead of refusing.
 */
public final class SettingsCache<K, V> {

    /** At most one {@link #reload} of a key in this time: forged requests must not turn into a database read each. */
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final Cache<K, V> entries;
    private final Cache<K, Boolean> recentReloads;

    public SettingsCache(Duration ttl, long maximumSize) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .build();
        this.recentReloads = Caffeine.newBuilder()
                .expireAfterWrite(MIN_RELOAD_INTERVAL)
                .maximumSize(maximumSize)
                .build();
    }

    /** The cached value, or the one the loader gives; a loader that may answer null goes through {@link #find}. */
    public V get(K key, Function<K, V> loader) {
        return entries.get(key, loader);
    }

    /**
     * Like {@link #get}, for a loader that answers null when nothing is stored: the absence is not cached, so a value
     * stored later is found at once.
     */
    // Caffeine types get as @PolyNull (null out only for a null from the loader), which NullAway cannot follow
    @SuppressWarnings("NullAway")
    public @Nullable V find(K key, Function<K, @Nullable V> loader) {
        return entries.get(key, loader);
    }

    /**
     * Loads again, whatever is cached; but only once per key in {@link #MIN_RELOAD_INTERVAL}: within it, the value
     * that reload loaded (or a later one) is returned, so a flood of requests that each ask for a reload (a forged
     * signature) costs the database one read a second per key.
     */
    public V reload(K key, Function<K, V> loader) {
        if (recentReloads.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return entries.get(key, loader);
        }
        entries.invalidate(key);
        return entries.get(key, loader);
    }

    /** Drops the entry now and again once the surrounding transaction (if any) commits. */
    public void forget(K key) {
        entries.invalidate(key);
        afterCommit(() -> entries.invalidate(key));
    }

    public void forgetAll() {
        entries.invalidateAll();
        afterCommit(entries::invalidateAll);
    }

    private static void afterCommit(Runnable action) {
        // a reader between the first drop and the commit may have cached the old row again
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }
}
