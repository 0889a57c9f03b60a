package io.tongbao.ledger;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The auditor as an operator call: anyone with an operator account can check the whole ledger at any time. */
@RestController
class LedgerOperatorController {

    private final LedgerAuditor auditor;

    LedgerOperatorController(LedgerAuditor auditor) {
        this.auditor = auditor;
    }

    @Operation(summary = "Audit the whole ledger: hash chains, balances and conservation")
    @GetMapping("/api/operator/ledger/audit")
    AuditReport audit() {
        return auditor.audit();
    }
}
