package io.tongbao.ledger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the balances should be: every transfer the ledger reports as applied, added up in memory. Thread-safe, and
 * commutative, so that threads can record in any order; frozen amounts are tracked by hold.
 */
final class LedgerModel {

    private final Map<String, Long> balances = new ConcurrentHashMap<>();
    private final Map<String, Long> frozen = new ConcurrentHashMap<>();

    void move(String from, String to, long amount) {
        balances.merge(from, -amount, Math::addExact);
        balances.merge(to, amount, Math::addExact);
    }

    void freeze(String account, long amount) {
        frozen.merge(account, amount, Math::addExact);
    }

    void release(String account, long amount) {
        frozen.merge(account, -amount, Math::addExact);
    }

    long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    long frozen(String account) {
        return frozen.getOrDefault(account, 0L);
    }

    long available(String account) {
        return balance(account) - frozen(account);
    }
}
