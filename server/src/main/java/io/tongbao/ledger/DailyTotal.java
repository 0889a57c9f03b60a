package io.tongbao.ledger;

/** What moved under one reason code on one day (for 对账): number of transfers and points moved. */
public record DailyTotal(int reason, TransferKind kind, long count, long amount) {}
