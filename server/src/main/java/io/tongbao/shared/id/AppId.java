package io.tongbao.shared.id;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A merchant app's id (minted by the merchant module's onboarding): what the merchant API signs as, and whose
 * channel accounts a payment uses.
 */
public record AppId(String value) {

    private static final String PREFIX = "app";

    public AppId {
        Ids.requireMinted(value, PREFIX);
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} is such an id. */
    public static AppId of(String value) {
        return new AppId(value);
    }

    /** Empty unless {@code value} is such an id: for a value from outside, which may be anything. */
    public static Optional<AppId> parse(@Nullable String value) {
        return value != null && Ids.isMinted(value, PREFIX) ? Optional.of(new AppId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
