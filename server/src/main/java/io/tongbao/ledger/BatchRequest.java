package io.tongbao.ledger;

import java.util.List;

/** Up to {@value Ledger#MAX_BATCH} transfers in one call. */
public record BatchRequest(BatchMode mode, List<TransferRequest> transfers) {}
