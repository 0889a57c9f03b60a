/**
 * The points ledger: point types with their central bank and system accounts, accounts, reason codes,
 * double-entry transfers (single, batched, linked), holds, reversals, conversions, statements and the auditor.
 * It knows nothing of payments or merchants' internals: every call is scoped by the merchant id it is given.
 * The root package is the API ({@link io.tongbao.ledger.Ledger}, {@link io.tongbao.ledger.LedgerAuditor} and
 * their records); everything else is package-private.
 */
@ApplicationModule(displayName = "Ledger", allowedDependencies = "shared")
@NullMarked
package io.tongbao.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
