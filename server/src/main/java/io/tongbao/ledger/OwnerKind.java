package io.tongbao.ledger;

/** Who an account belongs to. SYSTEM accounts are created by the ledger with their point type. */
public enum OwnerKind {
    USER,
    MERCHANT,
    SYSTEM
}
