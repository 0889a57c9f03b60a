package io.tongbao.sdk.ledger;

/** {@code ownerKind}: USER or MERCHANT. Opening an account that exists returns it. */
public record NewAccount(String pointType, String ownerKind, String ownerId) {}
