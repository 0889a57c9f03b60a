package io.tongbao.sdk.ledger;

/** available = balance - frozen. */
public record Account(
        String accountId,
        String pointType,
        String ownerKind,
        String ownerId,
        long balance,
        long frozen,
        long available,
        boolean mayGoNegative,
        boolean closed) {}
