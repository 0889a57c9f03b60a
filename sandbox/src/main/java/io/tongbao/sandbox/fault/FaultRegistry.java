package io.tongbao.sandbox.fault;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** The faults in force. Consulted by the gateways and the notification dispatcher on every call. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
public class FaultRegistry {

    private final List<FaultRule> rules = new ArrayList<>();

    public synchronized FaultRule add(
            String account, String outTradeNo, FaultKind kind, int count, Duration delay, int times) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("a fault needs the account (app_id or mchid) it applies to");
        }
        if (kind == FaultKind.NOTIFY_DUPLICATE && count < 2) {
            throw new IllegalArgumentException("NOTIFY_DUPLICATE needs count >= 2");
        }
        if ((kind == FaultKind.NOTIFY_DELAY || kind == FaultKind.API_TIMEOUT) && (delay == null || delay.isZero())) {
            throw new IllegalArgumentException(kind + " needs delay_seconds > 0");
        }
        FaultRule rule = new FaultRule(
                "fault_" + Ids.hex(6),
                account,
                blankToNull(outTradeNo),
                kind,
                count,
                delay == null ? Duration.ZERO : delay,
                times == 0 ? -1 : times);
        rules.add(rule);
        return rule;
    }

    /** Finds a rule for this call and counts one use of it. */
    public synchronized Optional<FaultRule> take(FaultKind kind, String account, String outTradeNo) {
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (rule.matches(kind, account, outTradeNo)) {
                rules.set(i, rule.used());
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public synchronized List<FaultRule> list() {
        return List.copyOf(rules);
    }

    public synchronized boolean remove(String id) {
        return rules.removeIf(rule -> rule.id().equals(id));
    }

    public synchronized void clear() {
        rules.clear();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
