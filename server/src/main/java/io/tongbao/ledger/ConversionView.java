package io.tongbao.ledger;

/** The two legs of a conversion: the payer's points into the source exchange account, and out of the target's. */
public record ConversionView(String conversionId, TransferView debit, TransferView credit) {}
