package io.tongbao.shared.money;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The currencies Tongbao takes payments in (ISO 4217), each with the number of digits its minor unit has. */
public enum Currency {
    /** Renminbi: amounts in fen, 100 to the yuan. */
    CNY(2);

    private final int minorDigits;

    Currency(int minorDigits) {
        this.minorDigits = minorDigits;
    }

    /** How many decimal digits the minor unit is: 2 for CNY (fen). */
    public int minorDigits() {
        return minorDigits;
    }

    /** The currency an ISO 4217 code names; empty for one Tongbao does not take (or for null). */
    public static Optional<Currency> byCode(@Nullable String code) {
        return Arrays.stream(values())
                .filter(currency -> currency.name().equals(code))
                .findFirst();
    }
}
