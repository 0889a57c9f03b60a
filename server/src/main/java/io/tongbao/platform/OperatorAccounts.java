package io.tongbao.platform;

import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Operator accounts. The first start creates {@code admin} with a random password that is logged once and
 * stored only as a hash; there is never a fixed default.
 */
@Component
@Order(0)
class OperatorAccounts implements ApplicationRunner {

    static final String FIRST_OPERATOR = "admin";
    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PasswordHashing hashing;
    private final RecentLogins recentLogins;
    private final Clock clock;

    OperatorAccounts(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            PasswordHashing hashing,
            RecentLogins recentLogins,
            Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.hashing = hashing;
        this.recentLogins = recentLogins;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String password = Ids.randomToken(24);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int created = jdbc.sql("""
                        insert into operator_account (username, password_hash, created_at, password_changed_at)
                        select :username, :hash, :now, :now
                        where not exists (select 1 from operator_account)
                        on conflict do nothing""")
                .param("username", FIRST_OPERATOR)
                .param("hash", passwords.encode(password))
                .param("now", now)
                .update();
        if (created == 1) {
            // The one place a credential is logged on purpose: there is no other way to hand it over.
            log.warn("""

                    ==================================================================
                     Operator account created: user '{}', password '{}'
                     Shown this once only. Change it: POST /api/operator/me/password
                    ==================================================================""", FIRST_OPERATOR, password);
        }
    }

    /** The stored hash ({@code {bcrypt}…}) of the operator's password; empty for a name that is no operator. */
    Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from operator_account where username = :username")
                .param("username", username)
                .query(String.class)
                .optional();
    }

    void changePassword(String username, String currentPassword, String newPassword) {
        String hash = passwordHash(username).orElseThrow(() -> new IllegalStateException("no operator " + username));
        if (currentPassword == null || !hashInTurn(() -> hashing.matches(currentPassword, hash))) {
            throw ApiException.forbidden("WRONG_PASSWORD", "current_password does not match");
        }
        if (newPassword == null || newPassword.length() < 12) {
            throw ApiException.invalid("new_password", "must have at least 12 characters");
        }
        jdbc.sql(
                        "update operator_account set password_hash = :hash, password_changed_at = :now where username = :username")
                .param("hash", hashInTurn(() -> hashing.encode(newPassword)))
                .param("now", OffsetDateTime.now(clock))
                .param("username", username)
                .update();
        recentLogins.forget(username);
    }

    /** In a handler, a hashing bulkhead that is full is an API answer (503), not an authentication failure. */
    private static <T> T hashInTurn(Supplier<T> hashing) {
        try {
            return hashing.get();
        } catch (LoginRefused busy) {
            throw new ApiException(busy.status(), busy.code(), busy.getMessage());
        }
    }
}
