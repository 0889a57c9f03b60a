package io.tongbao.shared.web;

import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Says, for a value Jackson refused, which field it was (its JSON path) and what form that field takes. */
final class JsonFieldProblems {

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(Long.class, long.class, Integer.class, int.class, Short.class, short.class, BigInteger.class);
    static final String MINOR_UNITS =
            "must be a JSON integer in minor units (fen for payments, the point type's smallest unit for points), "
                    + "e.g. 1999 for ¥19.99: no decimal point, exponent or quotes";

    private JsonFieldProblems() {}

    /** {@code transfers[2].amount}; empty for the body itself. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What is wrong with the value, for people; empty when the body is not JSON at all. */
    static Optional<String> problem(JacksonException e, String path) {
        if (e instanceof InvalidFormatException format
                && format.getValue() instanceof String text
                && text.indexOf('\0') >= 0) {
            return Optional.of(StrictJsonConfiguration.NUL_REFUSED);
        }
        if (e instanceof InputCoercionException range) {
            return Optional.of(outOfRange(range.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return Optional.of(expected(mismatch.getTargetType(), lastName(path)));
        }
        return Optional.empty();
    }

    /** For a query parameter, where nothing is JSON. */
    static String expectedInQuery(@Nullable Class<?> type, String parameter) {
        return WHOLE_NUMBERS.contains(type) ? "must be an integer" : expected(type, parameter);
    }

    static String expected(@Nullable Class<?> type, String field) {
        if (type == null) {
            return "has the wrong type";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return isMoney(field) ? MINOR_UNITS : "must be a JSON integer: no decimal point, exponent or quotes";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a JSON string";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO 8601 date-time string, e.g. 2026-11-22T08:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type";
    }

    static boolean isDocumentLength(StreamConstraintsException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Document length");
    }

    static String where(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String outOfRange(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "must be a JSON integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        return "must be a JSON integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }

    private static boolean isMoney(String field) {
        return field != null && (field.equals("amount") || field.endsWith("_amount"));
    }

    private static String lastName(String path) {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }
}
