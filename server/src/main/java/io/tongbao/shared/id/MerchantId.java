package io.tongbao.shared.id;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A merchant's id (minted by the merchant module's onboarding). */
public record MerchantId(String value) {

    private static final String PREFIX = "mch";

    public MerchantId {
        Ids.requireMinted(value, PREFIX);
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} is such an id. */
    public static MerchantId of(String value) {
        return new MerchantId(value);
    }

    /** Empty unless {@code value} is such an id: for a value from outside, which may be anything. */
    public static Optional<MerchantId> parse(@Nullable String value) {
        return value != null && Ids.isMinted(value, PREFIX) ? Optional.of(new MerchantId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
