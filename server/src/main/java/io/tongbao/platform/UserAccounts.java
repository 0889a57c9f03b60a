package io.tongbao.platform;

import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The users who log in to the console and the operator API: operators and merchant staff, one table. The first
 * start creates the operator {@code admin} with a random password that is logged once and stored only as a hash;
 * there is never a fixed default.
 */
@Component
@Order(0)
class UserAccounts implements ApplicationRunner {

    static final String FIRST_OPERATOR = "admin";
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PasswordHashing hashing;
    private final RecentLogins recentLogins;
    private final Clock clock;

    UserAccounts(
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
                        insert into console_user (username, password_hash, created_at, password_changed_at, kind, role)
                        select :username, :hash, :now, :now, 'OPERATOR', 'ADMIN'
                        where not exists (select 1 from console_user where kind = 'OPERATOR')
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
                     Shown this once only. Log in at /console/login and change it.
                    ==================================================================""", FIRST_OPERATOR, password);
        }
    }

    /** The user as stored; empty for a name nobody has. */
    Optional<StoredUser> find(String username) {
        return jdbc.sql("""
                        select username, password_hash, role, merchant_id, enabled, totp_secret, zone
                        from console_user where username = :username""")
                .param("username", username)
                .query((rs, row) -> new StoredUser(
                        rs.getString(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    /** The stored hash ({@code {bcrypt}…}) of the user's password; empty for a name that is no user. */
    Optional<String> passwordHash(String username) {
        return find(username).map(StoredUser::passwordHash);
    }

    void changePassword(String username, @Nullable String currentPassword, @Nullable String newPassword) {
        String hash = passwordHash(username).orElseThrow(() -> new IllegalStateException("no user " + username));
        if (currentPassword == null || !hashInTurn(() -> hashing.matches(currentPassword, hash))) {
            throw ApiException.forbidden("WRONG_PASSWORD", "current_password does not match");
        }
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalid("new_password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        setPassword(username, newPassword);
    }

    void setPassword(String username, String newPassword) {
        jdbc.sql("""
                        update console_user set password_hash = :hash, password_changed_at = :now
                        where username = :username""")
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

    /** A row of console_user; the TOTP secret still sealed. */
    record StoredUser(
            String username,
            String passwordHash,
            Role role,
            @Nullable String merchantId,
            boolean enabled,
            @Nullable String sealedTotpSecret,
            String zone) {

        SignedInUser signedIn() {
            return new SignedInUser(username, role, merchantId, zone);
        }
    }
}
