package io.tongbao.ledger;

/** An account's balance now. available = balance - frozen. */
public record AccountView(
        String accountId,
        String pointType,
        OwnerKind ownerKind,
        String ownerId,
        long balance,
        long frozen,
        long available,
        boolean mayGoNegative,
        boolean closed) {}
