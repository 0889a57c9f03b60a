package io.tongbao.platform;

import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Logins that succeeded and failed, in the audit log. Only logins that reached the password check are recorded: a
 * login refused by the failure budget or the lock costs no hash and no audit entry, so a flood of guesses cannot
 * grow the log faster than the budgets let it.
 */
@Component
class LoginEvents {

    private final AuditTrail audit;

    LoginEvents(AuditTrail audit) {
        this.audit = audit;
    }

    void succeeded(String username, String source) {
        audit.recordAs(username, source, "login.succeeded", "user", username);
    }

    void failed(String username, String source, boolean locked) {
        audit.record(AuditChange.of("login.failed", "user", truncated(username))
                .after(Map.of("locked", locked))
                .by(truncated(username), source));
    }

    /** A failed login's name is whatever was typed: bounded, so a megabyte of name is not a megabyte of log. */
    private static String truncated(String username) {
        return username.length() <= 64 ? username : username.substring(0, 64);
    }
}
