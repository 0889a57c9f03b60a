package io.tongbao.platform;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a console or operator-API request when {@link Permissions} names its route and gives that route's action
 * to the user's role. A route the table does not name is refused, whoever asks; the operator API is for operators
 * only.
 */
final class RouteAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private static final String OPERATOR_API = "/api/operator/";

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
        Authentication user = authentication.get();
        if (user == null || !(user.getPrincipal() instanceof SignedInUser signedIn)) {
            return new AuthorizationDecision(false);
        }
        String path = context.getRequest()
                .getRequestURI()
                .substring(context.getRequest().getContextPath().length());
        if (path.startsWith(OPERATOR_API) && !signedIn.isOperator()) {
            return new AuthorizationDecision(false);
        }
        Optional<Action> action = Permissions.actionOf(context.getRequest().getMethod(), path);
        return new AuthorizationDecision(action.isPresent() && signedIn.may(action.get()));
    }
}
