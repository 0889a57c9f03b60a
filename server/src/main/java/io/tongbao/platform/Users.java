package io.tongbao.platform;

import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.id.Ids;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users and their roles, as the console manages them. Every method takes who is acting: an operator may manage
 * any user, a merchant's owner only its own merchant's staff, and nobody can leave the platform without an enabled
 * administrator. A new or reset password is returned once and stored only as a hash.
 */
@Service
public class Users {

    private static final String USERNAME = "[a-z0-9][a-z0-9._@-]{2,63}";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final UserAccounts accounts;
    private final TotpSecrets totp;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Users(
            JdbcClient jdbc,
            AuditTrail audit,
            UserAccounts accounts,
            TotpSecrets totp,
            PasswordEncoder passwords,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.totp = totp;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A user as the console lists it: never a password hash or a second-factor secret. */
    public record UserView(
            String username,
            Role role,
            @Nullable String merchantId,
            @Nullable String displayName,
            boolean enabled,
            boolean secondFactor,
            String zone,
            Instant createdAt) {}

    /** A user created or a password reset: the password is shown to the one who asked, once. */
    public record IssuedPassword(String username, String password) {}

    /** Why a change was refused; the console translates the code. */
    public static final class Refusal extends RuntimeException {
        private final String code;
        private final String field;

        Refusal(String field, String code) {
            super(field + ": " + code);
            this.field = field;
            this.code = code;
        }

        public String code() {
            return code;
        }

        public String field() {
            return field;
        }
    }

    /** The users the actor may see: every user for an operator, its own merchant's staff for a merchant user. */
    public List<UserView> list(SignedInUser actor) {
        return jdbc.sql("""
                        select username, role, merchant_id, display_name, enabled, totp_secret is not null, zone, created_at
                        from console_user
                        where cast(:merchant as text) is null or merchant_id = :merchant
                        order by kind desc, merchant_id nulls first, username""")
                .param("merchant", actor.merchantScope())
                .query((rs, row) -> new UserView(
                        rs.getString(1),
                        Role.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<UserView> find(SignedInUser actor, String username) {
        return list(actor).stream()
                .filter(user -> user.username().equals(username))
                .findFirst();
    }

    /**
     * Creates a user. An operator gives any role (a merchant role with the merchant's id, which the caller has
     * checked exists); a merchant owner creates staff of its own merchant only.
     */
    @Transactional
    public IssuedPassword create(
            SignedInUser actor, String username, Role role, @Nullable String merchantId, @Nullable String displayName) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches(USERNAME)) {
            throw new Refusal("username", "invalid");
        }
        String merchant = role.isOperator() ? null : actor.isOperator() ? blankToNull(merchantId) : actor.merchantId();
        if (!actor.isOperator() && role.isOperator()) {
            throw new Refusal("role", "not_allowed");
        }
        if (!role.isOperator() && merchant == null) {
            throw new Refusal("merchant_id", "required");
        }
        String password = Ids.randomToken(20);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            jdbc.sql("""
                            insert into console_user
                                (username, password_hash, created_at, password_changed_at, kind, role, merchant_id, display_name)
                            values (:username, :hash, :now, :now, :kind, :role, :merchant, :display)""")
                    .param("username", name)
                    .param("hash", passwords.encode(password))
                    .param("now", now)
                    .param("kind", role.kind().name())
                    .param("role", role.name())
                    .param("merchant", merchant)
                    .param("display", blankToNull(displayName))
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new Refusal("username", "taken");
        }
        audit.record(AuditChange.of("user.created", "user", name)
                .merchant(merchant)
                .after(Map.of("role", role.name(), "merchant_id", merchant == null ? "" : merchant)));
        return new IssuedPassword(name, password);
    }

    @Transactional
    public void changeRole(SignedInUser actor, String username, Role role) {
        UserView user = managed(actor, username);
        if (user.role().kind() != role.kind()) {
            throw new Refusal("role", "other_kind");
        }
        jdbc.sql("update console_user set role = :role where username = :username")
                .param("role", role.name())
                .param("username", username)
                .update();
        keepAnAdministrator();
        audit.record(AuditChange.of("user.role_changed", "user", username)
                .merchant(user.merchantId())
                .before(Map.of("role", user.role().name()))
                .after(Map.of("role", role.name())));
    }

    @Transactional
    public void setEnabled(SignedInUser actor, String username, boolean enabled) {
        UserView user = managed(actor, username);
        if (!enabled && username.equals(actor.username())) {
            throw new Refusal("username", "self");
        }
        jdbc.sql("update console_user set enabled = :enabled where username = :username")
                .param("enabled", enabled)
                .param("username", username)
                .update();
        keepAnAdministrator();
        audit.record(AuditChange.of(enabled ? "user.enabled" : "user.disabled", "user", username)
                .merchant(user.merchantId())
                .before(Map.of("enabled", user.enabled()))
                .after(Map.of("enabled", enabled)));
    }

    @Transactional
    public IssuedPassword resetPassword(SignedInUser actor, String username) {
        UserView user = managed(actor, username);
        String password = Ids.randomToken(20);
        accounts.setPassword(username, password);
        audit.record(AuditChange.of("user.password_reset", "user", username).merchant(user.merchantId()));
        return new IssuedPassword(username, password);
    }

    /** The user's own password. */
    @Transactional
    public void changeOwnPassword(SignedInUser user, @Nullable String current, @Nullable String replacement) {
        accounts.changePassword(user.username(), current, replacement);
        audit.record(
                AuditChange.of("user.password_changed", "user", user.username()).merchant(user.merchantId()));
    }

    public void changeOwnZone(SignedInUser user, String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            throw new Refusal("zone", "invalid");
        }
        jdbc.sql("update console_user set zone = :zone where username = :username")
                .param("zone", zone)
                .param("username", user.username())
                .update();
    }

    /** A second factor to enrol: the secret and the URI an authenticator app scans; stored once confirmed. */
    public record TotpEnrolment(String secret, String uri) implements java.io.Serializable {}

    public TotpEnrolment startTotp(SignedInUser user) {
        String secret = totp.newSecret();
        return new TotpEnrolment(secret, totp.enrolmentUri(user.username(), secret));
    }

    /** Stores the second factor when the code was made from the secret being enrolled. */
    @Transactional
    public void confirmTotp(SignedInUser user, String secret, @Nullable String code) {
        OptionalLong step = totp.step(secret, code);
        if (step.isEmpty()) {
            throw new Refusal("code", "wrong_code");
        }
        totp.store(user.username(), secret, step.getAsLong());
        audit.record(AuditChange.of("user.second_factor_enabled", "user", user.username())
                .merchant(user.merchantId()));
    }

    /** Removes the user's own second factor; the current code proves it is the user. */
    @Transactional
    public void disableTotp(SignedInUser user, @Nullable String code) {
        String sealed = accounts.find(user.username())
                .map(UserAccounts.StoredUser::sealedTotpSecret)
                .orElse(null);
        if (sealed != null && !totp.acceptSealed(user.username(), sealed, code)) {
            throw new Refusal("code", "wrong_code");
        }
        totp.remove(user.username());
        audit.record(AuditChange.of("user.second_factor_disabled", "user", user.username())
                .merchant(user.merchantId()));
    }

    /** The user the actor may manage: refused as absent when it is another merchant's. */
    private UserView managed(SignedInUser actor, String username) {
        return find(actor, username).orElseThrow(() -> new Refusal("username", "not_found"));
    }

    private void keepAnAdministrator() {
        int admins = jdbc.sql("select count(*) from console_user where role = 'ADMIN' and enabled")
                .query(Integer.class)
                .single();
        if (admins == 0) {
            throw new Refusal("role", "last_admin");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
