package io.tongbao.ledger;

import java.time.Instant;
import java.util.Set;

/** A registered reason code; immutable once registered, so it is cached. Empty kind sets allow any kind. */
record Reason(
        String merchantId,
        int code,
        String description,
        Set<OwnerKind> payerKinds,
        Set<OwnerKind> payeeKinds,
        Instant createdAt) {

    void check(Account payer, Account payee) {
        if (!payerKinds.isEmpty() && !payerKinds.contains(payer.ownerKind())) {
            throw LedgerErrors.reasonNotAllowed(code, "payer", payer.ownerKind())
                    .exception();
        }
        if (!payeeKinds.isEmpty() && !payeeKinds.contains(payee.ownerKind())) {
            throw LedgerErrors.reasonNotAllowed(code, "payee", payee.ownerKind())
                    .exception();
        }
    }

    ReasonView view() {
        return new ReasonView(code, description, payerKinds, payeeKinds, createdAt);
    }
}
