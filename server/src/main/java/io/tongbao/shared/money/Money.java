package io.tongbao.shared.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money in minor units (fen for CNY) with its currency. Never negative: a payment, a refund, a fee and
 * what is left to refund are all amounts, and which way money moves is said by what the amount belongs to, not by a
 * sign; so {@link #minus} refuses to go below zero instead of producing a debt nobody asked for. All arithmetic is
 * checked: an overflow throws rather than wraps. Two amounts in different currencies are never added or compared.
 *
 * <p>The channels (Alipay's {@code total_amount}, its refunds) speak major units with the currency's decimals
 * ({@code "19.99"}); {@link #toDecimal()} and {@link #ofDecimal} are the one place that translates.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minor < 0) {
            throw new IllegalArgumentException("an amount is never negative: " + minor + " " + currency);
        }
    }

    public static Money of(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Exact: {@code "19.99"} CNY is 1999 fen, {@code "20"} is 2000; {@code "19.999"} is refused
     * ({@link ArithmeticException}) rather than rounded, and so is a negative amount.
     */
    public static Money ofDecimal(String decimal, Currency currency) {
        long minor = new BigDecimal(decimal.strip())
                .movePointRight(currency.minorDigits())
                .longValueExact();
        if (minor < 0) {
            throw new ArithmeticException("an amount is never negative: " + decimal);
        }
        return new Money(minor, currency);
    }

    /** In major units with all the currency's decimals: 1999 fen is {@code "19.99"}, 5 fen {@code "0.05"}. */
    public String toDecimal() {
        return BigDecimal.valueOf(minor, currency.minorDigits()).toPlainString();
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, sameCurrency(other).minor), currency);
    }

    /** Throws {@link ArithmeticException} when {@code other} is more than this: an amount is never negative. */
    public Money minus(Money other) {
        long difference = Math.subtractExact(minor, sameCurrency(other).minor);
        if (difference < 0) {
            throw new ArithmeticException(other.minor + " is more than " + minor + " " + currency);
        }
        return new Money(difference, currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minor, sameCurrency(other).minor);
    }

    private Money sameCurrency(Money other) {
        if (other.currency != currency) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }
}
