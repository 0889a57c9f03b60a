package io.tongbao.ledger;

import java.util.Map;

/**
 * One transfer. {@code transferId} is chosen by the client and makes the call idempotent: the same id with the
 * same content returns the first result; with other content it is refused.
 */
public record TransferRequest(String transferId, String pointType, String fromAccount, String toAccount, Long amount,
                              Integer reason, String memo, Map<String, String> metadata) {
}
