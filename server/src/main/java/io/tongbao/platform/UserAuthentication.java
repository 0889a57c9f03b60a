package io.tongbao.platform;

import io.tongbao.shared.log.LogValues;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a user's name and password (the console's form and the operator API's HTTP Basic), cheapest refusal first:
 * the failure budgets of the name and of the source address and the name's lock are checked before any hash is
 * computed; a login that succeeded a moment ago is recognised without a hash; otherwise the password is hashed in a
 * turn of the bounded {@link PasswordHashing} (an unknown or disabled name is hashed against a dummy, so that timing
 * does not tell which names exist). A user with a second factor must type its code beside the password: such a
 * user cannot use HTTP Basic, which has nowhere to put it.
 */
@Component
class UserAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(UserAuthentication.class);
    private static final int LOGGED_NAME_LENGTH = 64;

    private final UserAccounts accounts;
    private final LoginThrottle throttle;
    private final RecentLogins recent;
    private final PasswordHashing hashing;
    private final PasswordEncoder passwords;
    private final TotpSecrets totp;
    private final LoginEvents events;
    private final String dummyHash;

    UserAuthentication(
            UserAccounts accounts,
            LoginThrottle throttle,
            RecentLogins recent,
            PasswordHashing hashing,
            PasswordEncoder passwords,
            TotpSecrets totp,
            LoginEvents events) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.recent = recent;
        this.hashing = hashing;
        this.passwords = passwords;
        this.totp = totp;
        this.events = events;
        this.dummyHash = passwords.encode("not the password of anyone: " + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String username = login.getName();
        String password = String.valueOf(login.getCredentials());
        String source =
                login.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                        ? details.getRemoteAddress()
                        : "unknown";
        throttle.checkBudget(username, source);
        throttle.checkNotLocked(username);
        Optional<UserAccounts.StoredUser> user = accounts.find(username).filter(UserAccounts.StoredUser::enabled);
        boolean passwordMatches;
        if (user.isPresent() && recent.contains(username, password)) {
            passwordMatches = true;
        } else {
            passwordMatches = hashing.withTurn(() -> {
                // the budget again: failures spent while this login waited for its turn count too
                throttle.checkBudget(username, source);
                return passwords.matches(
                                password,
                                user.map(UserAccounts.StoredUser::passwordHash).orElse(dummyHash))
                        && user.isPresent();
            });
        }
        if (!passwordMatches || !secondFactorMatches(user.orElseThrow(IllegalStateException::new), login)) {
            throw refuse(username, source);
        }
        throttle.succeeded(username);
        recent.remember(username, password);
        SignedInUser signedIn = user.get().signedIn();
        events.succeeded(username, source);
        return UsernamePasswordAuthenticationToken.authenticated(signedIn, null, authorities(signedIn));
    }

    private boolean secondFactorMatches(UserAccounts.StoredUser user, Authentication login) {
        String sealed = user.sealedTotpSecret();
        if (sealed == null) {
            return true;
        }
        return login.getDetails() instanceof LoginDetails details
                && totp.acceptSealed(user.username(), sealed, details.code());
    }

    private BadCredentialsException refuse(String username, String source) {
        boolean locked = throttle.failed(username, source);
        log.warn(
                "failed login for '{}' from {}{}",
                LogValues.safe(username, LOGGED_NAME_LENGTH),
                LogValues.safe(source, LOGGED_NAME_LENGTH),
                locked ? ": the name is now locked" : "");
        events.failed(username, source, locked);
        return new BadCredentialsException("authentication failed");
    }

    static List<SimpleGrantedAuthority> authorities(SignedInUser user) {
        return List.of(
                new SimpleGrantedAuthority(user.role().authority()),
                new SimpleGrantedAuthority("KIND_" + user.role().kind().name()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
