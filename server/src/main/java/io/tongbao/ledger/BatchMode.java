package io.tongbao.ledger;

/** INDEPENDENT: each item succeeds or fails on its own. LINKED: all items apply, or none does. */
public enum BatchMode {
    INDEPENDENT,
    LINKED
}
