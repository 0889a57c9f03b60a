package io.tongbao.shared.id;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A payment order's id, minted here: what the merchant API shows as a payment's {@code id}. */
public record PaymentId(String value) {

    private static final String PREFIX = "pay";

    public PaymentId {
        Ids.requireMinted(value, PREFIX);
    }

    public static PaymentId next() {
        return new PaymentId(Ids.next(PREFIX));
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} is such an id. */
    public static PaymentId of(String value) {
        return new PaymentId(value);
    }

    /** Empty unless {@code value} is such an id: for a value from outside, which may be anything. */
    public static Optional<PaymentId> parse(@Nullable String value) {
        return value != null && Ids.isMinted(value, PREFIX) ? Optional.of(new PaymentId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
