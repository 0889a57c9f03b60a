package io.tongbao.ledger;

/**
 * A refusal of a whole call of {@link Ledger}, thrown to the caller. It carries the refusal as a value; the
 * ledger's web layer turns it into an HTTP answer. No stack trace: it is an answer, not a failure.
 */
public class LedgerException extends RuntimeException {

    private final transient LedgerRefusal refusal;

    public LedgerException(LedgerRefusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public LedgerRefusal refusal() {
        return refusal;
    }

    public LedgerRefusal.Code code() {
        return refusal.code();
    }
}
