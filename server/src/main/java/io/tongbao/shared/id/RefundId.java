package io.tongbao.shared.id;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A refund's id, minted here. It is also the out_refund_no (Alipay: out_request_no) the channel knows the refund by
 * ({@link #asOutRefundNo()}).
 */
public record RefundId(String value) {

    private static final String PREFIX = "rfd";

    public RefundId {
        Ids.requireMinted(value, PREFIX);
    }

    public static RefundId next() {
        return new RefundId(Ids.next(PREFIX));
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} is such an id. */
    public static RefundId of(String value) {
        return new RefundId(value);
    }

    /** Empty unless {@code value} is such an id: for a value from outside, which may be anything. */
    public static Optional<RefundId> parse(@Nullable String value) {
        return value != null && Ids.isMinted(value, PREFIX) ? Optional.of(new RefundId(value)) : Optional.empty();
    }

    /** The number the channel knows this refund by. */
    public OutRefundNo asOutRefundNo() {
        return OutRefundNo.of(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
