package io.tongbao.ledger;

import java.time.Instant;
import java.util.Set;

public record ReasonView(
        int code, String description, Set<OwnerKind> payerKinds, Set<OwnerKind> payeeKinds, Instant createdAt) {}
