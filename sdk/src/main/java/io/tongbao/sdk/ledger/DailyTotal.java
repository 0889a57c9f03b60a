package io.tongbao.sdk.ledger;

public record DailyTotal(int reason, String kind, long count, long amount) {}
