package io.tongbao.ledger;

/** A new point type: its code (unique per merchant), a name for people, and how many decimals to display. */
public record PointTypeRequest(String code, String name, Integer scale) {}
