package io.tongbao.platform;

import org.springframework.security.core.AuthenticationException;

/** What the login page is told about a refused login: a code it translates, never which part was wrong. */
final class ConsoleLoginErrors {

    private ConsoleLoginErrors() {}

    static String codeOf(AuthenticationException refusal) {
        if (refusal instanceof LoginRefused refused) {
            return switch (refused.code()) {
                case "LOGIN_LOCKED" -> "locked";
                case "LOGIN_THROTTLED" -> "throttled";
                default -> "busy";
            };
        }
        return "bad";
    }
}
