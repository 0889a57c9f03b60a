package io.tongbao.ledger;

/** A hold is PENDING until it is posted, voided or expires; each of those is final. */
public enum HoldStatus {
    PENDING,
    POSTED,
    VOIDED,
    EXPIRED
}
