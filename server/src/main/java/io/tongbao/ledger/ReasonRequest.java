package io.tongbao.ledger;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A reason code the merchant will cite on transfers (e.g. 300001 withdrawal succeeded). The kind sets, when
 * given, restrict which accounts may pay and receive under it; empty or absent means any.
 */
public record ReasonRequest(
        Integer code,
        String description,
        @Nullable Set<OwnerKind> payerKinds,
        @Nullable Set<OwnerKind> payeeKinds) {}
