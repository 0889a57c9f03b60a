package io.tongbao.ledger;

/**
 * What a journal row records. TRANSFER, POST and REVERSAL move points (two postings each); HOLD reserves the
 * payer's available balance; VOID and EXPIRE release a hold. None is ever edited.
 */
public enum TransferKind {
    TRANSFER,
    HOLD,
    POST,
    VOID,
    EXPIRE,
    REVERSAL;

    /** Whether rows of this kind change balances (and so have postings). */
    public boolean movesPoints() {
        return this == TRANSFER || this == POST || this == REVERSAL;
    }
}
