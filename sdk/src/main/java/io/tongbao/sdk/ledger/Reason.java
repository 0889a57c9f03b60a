package io.tongbao.sdk.ledger;

import java.time.Instant;
import java.util.Set;

public record Reason(int code, String description, Set<String> payerKinds, Set<String> payeeKinds, Instant createdAt) {}
