package io.tongbao.ledger;

/** Opens (or finds) the account of an owner in a point type. */
public record AccountRequest(String pointType, OwnerKind ownerKind, String ownerId) {}
