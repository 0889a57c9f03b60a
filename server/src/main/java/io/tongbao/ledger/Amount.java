package io.tongbao.ledger;

/** A positive number of a point type's minor units: what a transfer, hold or reversal moves. */
public record Amount(long value) {

    public Amount {
        if (value <= 0) {
            throw LedgerErrors.invalid("amount", "must be a positive whole number of minor units")
                    .exception();
        }
    }

    public static Amount of(Long value) {
        if (value == null) {
            throw LedgerErrors.invalid("amount", "is required").exception();
        }
        return new Amount(value);
    }
}
