package io.tongbao.ledger;

/**
 * The accounts every point type is born with (ebank's 中央银行 and 系统银行). The central bank is the issuer:
 * the only account that may go below zero, so issuing points is a transfer out of it.
 */
public enum SystemAccount {
    CENTRAL_BANK,
    POOL,
    WITHDRAWALS,
    FEES,
    EXCHANGE;

    boolean issuer() {
        return this == CENTRAL_BANK;
    }
}
