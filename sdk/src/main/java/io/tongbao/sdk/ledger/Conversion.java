package io.tongbao.sdk.ledger;

/** The two linked legs: into the source type's exchange account, and out of the target type's. */
public record Conversion(String conversionId, Transfer debit, Transfer credit) {}
