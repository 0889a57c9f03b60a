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
 * Checks an operator's name and password (HTTP Basic), cheapest refusal first: the failure budgets of the name and
 * of the source address and the name's lock are checked before any hash is computed; a login that succeeded a moment
 * ago is recognised without a hash; otherwise the password is hashed in a turn of the bounded {@link PasswordHashing}
 * (an unknown name is hashed against a dummy, so that timing does not tell which names exist).
 */
@Component
class OperatorAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(OperatorAuthentication.class);
    private static final List<SimpleGrantedAuthority> OPERATOR = List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"));
    private static final int LOGGED_NAME_LENGTH = 64;

    private final OperatorAccounts accounts;
    private final LoginThrottle throttle;
    private final RecentLogins recent;
    private final PasswordHashing hashing;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    OperatorAuthentication(
            OperatorAccounts accounts,
            LoginThrottle throttle,
            RecentLogins recent,
            PasswordHashing hashing,
            PasswordEncoder passwords) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.recent = recent;
        this.hashing = hashing;
        this.passwords = passwords;
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
        if (recent.contains(username, password)) {
            return authenticated(username);
        }
        Optional<String> hash = accounts.passwordHash(username);
        boolean matches = hashing.withTurn(() -> {
            // the budget again: failures spent while this login waited for its turn count too
            throttle.checkBudget(username, source);
            return passwords.matches(password, hash.orElse(dummyHash)) && hash.isPresent();
        });
        if (!matches) {
            boolean locked = throttle.failed(username, source);
            log.warn(
                    "failed operator login for '{}' from {}{}",
                    LogValues.safe(username, LOGGED_NAME_LENGTH),
                    LogValues.safe(source, LOGGED_NAME_LENGTH),
                    locked ? ": the name is now locked" : "");
            throw new BadCredentialsException("operator authentication failed");
        }
        throttle.succeeded(username);
        recent.remember(username, password);
        return authenticated(username);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static Authentication authenticated(String username) {
        return UsernamePasswordAuthenticationToken.authenticated(username, null, OPERATOR);
    }
}
