package io.tongbao.platform;

import java.io.Serializable;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is logged in, kept in the (shared, serialized) session: the name, the role and, for merchant staff, the
 * merchant whose data is all they may see.
 */
public record SignedInUser(
        String username, Role role, @Nullable String merchantId, String zone)
        implements AuthenticatedPrincipal, Serializable {

    public SignedInUser {
        if (role.isOperator() != (merchantId == null)) {
            throw new IllegalArgumentException("operators have no merchant, merchant staff exactly one");
        }
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean isOperator() {
        return role.isOperator();
    }

    /** The merchant every query of this user is limited to; null for an operator, who sees every merchant. */
    public @Nullable String merchantScope() {
        return merchantId;
    }

    public boolean may(Action action) {
        return Permissions.allows(role, action);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
