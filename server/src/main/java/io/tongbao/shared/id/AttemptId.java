package io.tongbao.shared.id;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One attempt's id, minted here. It is also the out_trade_no the channel knows the attempt by
 * ({@link #asOutTradeNo()}), so a closed attempt's number is never reused.
 */
public record AttemptId(String value) {

    private static final String PREFIX = "att";

    public AttemptId {
        Ids.requireMinted(value, PREFIX);
    }

    public static AttemptId next() {
        return new AttemptId(Ids.next(PREFIX));
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} is such an id. */
    public static AttemptId of(String value) {
        return new AttemptId(value);
    }

    /** Empty unless {@code value} is such an id: for a value from outside, which may be anything. */
    public static Optional<AttemptId> parse(@Nullable String value) {
        return value != null && Ids.isMinted(value, PREFIX) ? Optional.of(new AttemptId(value)) : Optional.empty();
    }

    /** The number the channel knows this attempt by. */
    public OutTradeNo asOutTradeNo() {
        return OutTradeNo.of(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
