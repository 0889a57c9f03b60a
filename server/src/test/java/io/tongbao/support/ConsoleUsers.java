package io.tongbao.support;

import io.tongbao.platform.Role;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Console users for tests, stored directly: one of any role, for the merchant given when it is merchant staff. */
public final class ConsoleUsers {

    public static final String PASSWORD = "console-test-password";

    private final JdbcClient jdbc;
    private final String hash;

    public ConsoleUsers(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.hash = passwords.encode(PASSWORD);
    }

    /** A new user of the role (a fresh name each call); its password is {@link #PASSWORD}. */
    public String create(Role role, @Nullable String merchantId) {
        String username = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + System.nanoTime();
        jdbc.sql("""
                        insert into console_user
                            (username, password_hash, created_at, password_changed_at, kind, role, merchant_id)
                        values (:username, :hash, :now, :now, :kind, :role, :merchant)""")
                .param("username", username)
                .param("hash", hash)
                .param("now", OffsetDateTime.now())
                .param("kind", role.kind().name())
                .param("role", role.name())
                .param("merchant", role.isOperator() ? null : merchantId)
                .update();
        return username;
    }
}
