package io.tongbao.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why the ledger refused something, in its own words: a code from the vocabulary below (docs/ledger.md lists
 * them), a message for people, and the values the message was made from. It says nothing of HTTP: the ledger's web
 * layer chooses the status, and a batch reports the code and message per item.
 */
public record LedgerRefusal(Code code, String message, Map<String, Object> details) {

    /** The ledger's refusal codes; the names are the codes its callers see. */
    public enum Code {
        /** A field is missing or malformed. */
        INVALID_PARAMETER(Kind.MALFORMED),
        /** No such point type, account, transfer or hold for this merchant. */
        NOT_FOUND(Kind.ABSENT),
        TRANSFER_ID_REUSED(Kind.STATE),
        ALREADY_REVERSED(Kind.STATE),
        HOLD_NOT_PENDING(Kind.STATE),
        HOLD_EXPIRED(Kind.STATE),
        /** Only the expiry job meets it: a hold may not be expired before its timeout. */
        HOLD_NOT_DUE(Kind.STATE),
        POINT_TYPE_EXISTS(Kind.STATE),
        REASON_EXISTS(Kind.STATE),
        /** The accounts kept changing through every attempt; the caller may retry. */
        CONCURRENT_UPDATE(Kind.STATE),
        INSUFFICIENT_FUNDS(Kind.RULE),
        DIFFERENT_POINT_TYPES(Kind.RULE),
        ACCOUNT_CLOSED(Kind.RULE),
        UNKNOWN_REASON(Kind.RULE),
        REASON_NOT_ALLOWED(Kind.RULE),
        UNKNOWN_ACCOUNT(Kind.RULE),
        UNKNOWN_POINT_TYPE(Kind.RULE),
        SAME_ACCOUNT(Kind.RULE),
        POST_EXCEEDS_HOLD(Kind.RULE),
        REVERSAL_EXCEEDS_ORIGINAL(Kind.RULE),
        NOT_REVERSIBLE(Kind.RULE),
        CONVERSION_TOO_SMALL(Kind.RULE),
        AMOUNT_OVERFLOW(Kind.RULE),
        ACCOUNT_NOT_EMPTY(Kind.RULE),
        SYSTEM_ACCOUNT(Kind.RULE),
        LINKED_TRANSFER_FAILED(Kind.RULE);

        private final Kind kind;

        Code(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * What sort of refusal a code is: the request is malformed, names something absent (or another merchant's),
     * conflicts with the ledger's current state, or breaks a rule.
     */
    public enum Kind {
        MALFORMED,
        ABSENT,
        STATE,
        RULE
    }

    public LedgerRefusal {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Details as name, value, name, value…; a null value is left out. */
    static LedgerRefusal of(Code code, String message, Object... details) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            if (details[i + 1] != null) {
                values.put((String) details[i], details[i + 1]);
            }
        }
        return new LedgerRefusal(code, message, values);
    }

    /** For a refusal that ends the whole call rather than one entry of it. */
    LedgerException exception() {
        return new LedgerException(this);
    }
}
