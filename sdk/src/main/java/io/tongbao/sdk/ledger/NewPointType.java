package io.tongbao.sdk.ledger;

/** {@code scale}: decimal places for display (0-8); amounts are always whole minor units. */
public record NewPointType(String code, String name, int scale) {}
