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
        INVALID_PARAMETER,
        /** No such point type, account, transfer or hold for this merchant. */
        NOT_FOUND,
        TRANSFER_ID_REUSED,
        ALREADY_REVERSED,
        HOLD_NOT_PENDING,
        HOLD_EXPIRED,
        /** Only the expiry job meets it: a hold may not be expired before its timeout. */
        HOLD_NOT_DUE,
        POINT_TYPE_EXISTS,
        REASON_EXISTS,
        /** The accounts kept changing through every attempt; the caller may retry. */
        CONCURRENT_UPDATE,
        INSUFFICIENT_FUNDS,
        DIFFERENT_POINT_TYPES,
        ACCOUNT_CLOSED,
        UNKNOWN_REASON,
        REASON_NOT_ALLOWED,
        UNKNOWN_ACCOUNT,
        UNKNOWN_POINT_TYPE,
        SAME_ACCOUNT,
        POST_EXCEEDS_HOLD,
        REVERSAL_EXCEEDS_ORIGINAL,
        NOT_REVERSIBLE,
        CONVERSION_TOO_SMALL,
        AMOUNT_OVERFLOW,
        ACCOUNT_NOT_EMPTY,
        SYSTEM_ACCOUNT,
        LINKED_TRANSFER_FAILED
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
