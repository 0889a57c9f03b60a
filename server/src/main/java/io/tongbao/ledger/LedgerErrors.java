package io.tongbao.ledger;

import io.tongbao.shared.web.ApiException;

/** The ledger's refusals, with the stable codes listed in docs/ledger.md. */
final class LedgerErrors {

    private LedgerErrors() {
    }

    static ApiException invalid(String field, String problem) {
        return ApiException.invalid(field, problem);
    }

    static ApiException insufficientFunds(String account, long available, long wanted) {
        return ApiException.rule("INSUFFICIENT_FUNDS",
                "account " + account + " has " + available + " available, " + wanted + " needed");
    }

    static ApiException differentPointTypes(String from, String to, String pointType) {
        return ApiException.rule("DIFFERENT_POINT_TYPES",
                "accounts " + from + " and " + to + " must both hold point type " + pointType);
    }

    static ApiException accountClosed(String account) {
        return ApiException.rule("ACCOUNT_CLOSED", "account " + account + " is closed");
    }

    static ApiException unknownReason(int reason) {
        return ApiException.rule("UNKNOWN_REASON", "reason " + reason + " is not registered");
    }

    static ApiException reasonNotAllowed(int reason, String side, OwnerKind kind) {
        return ApiException.rule("REASON_NOT_ALLOWED",
                "reason " + reason + " does not allow a " + kind + " account as " + side);
    }

    static ApiException unknownAccount(String account) {
        return ApiException.rule("UNKNOWN_ACCOUNT", "no account " + account);
    }

    static ApiException unknownPointType(String code) {
        return ApiException.rule("UNKNOWN_POINT_TYPE", "no point type " + code);
    }

    static ApiException sameAccount() {
        return ApiException.rule("SAME_ACCOUNT", "from_account and to_account must differ");
    }

    static ApiException transferIdReused(String transferId) {
        return ApiException.conflict("TRANSFER_ID_REUSED",
                "transfer_id " + transferId + " was already used for a different transfer");
    }

    static ApiException overflow() {
        return ApiException.rule("AMOUNT_OVERFLOW", "the resulting balance would not fit in 64 bits");
    }

    static ApiException holdNotPending(String holdId, HoldStatus status) {
        return ApiException.conflict("HOLD_NOT_PENDING", "hold " + holdId + " is " + status);
    }

    static ApiException postExceedsHold(long wanted, long held) {
        return ApiException.rule("POST_EXCEEDS_HOLD", "cannot post " + wanted + " of a hold of " + held);
    }

    static ApiException alreadyReversed(String transferId) {
        return ApiException.conflict("ALREADY_REVERSED", "transfer " + transferId + " was already reversed");
    }

    static ApiException reversalExceedsOriginal(long wanted, long original) {
        return ApiException.rule("REVERSAL_EXCEEDS_ORIGINAL",
                "cannot reverse " + wanted + " of a transfer of " + original);
    }

    static ApiException notReversible(String transferId, TransferKind kind) {
        return ApiException.rule("NOT_REVERSIBLE", "transfer " + transferId + " is a " + kind + " and moved no points");
    }

    static ApiException linkedFailed() {
        return ApiException.rule("LINKED_TRANSFER_FAILED", "another transfer of the linked batch failed");
    }

    static ApiException conflictingBalance() {
        return ApiException.conflict("CONCURRENT_UPDATE", "the accounts kept changing; retry");
    }
}
