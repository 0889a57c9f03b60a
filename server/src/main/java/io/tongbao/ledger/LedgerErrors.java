package io.tongbao.ledger;

import io.tongbao.ledger.LedgerRefusal.Code;
import java.time.Instant;

/** The ledger's refusals, with the stable codes listed in docs/ledger.md and the messages its callers read. */
final class LedgerErrors {

    private LedgerErrors() {}

    static LedgerRefusal invalid(String field, String problem) {
        return LedgerRefusal.of(Code.INVALID_PARAMETER, field + ": " + problem, "field", field);
    }

    /** Also for another merchant's object: its existence is never revealed. */
    static LedgerRefusal notFound(String what, String id) {
        return LedgerRefusal.of(Code.NOT_FOUND, "no " + what + " " + id, "what", what, "id", id);
    }

    static LedgerRefusal insufficientFunds(String account, long available, long wanted) {
        return LedgerRefusal.of(
                Code.INSUFFICIENT_FUNDS,
                "account " + account + " has " + available + " available, " + wanted + " needed",
                "account",
                account,
                "available",
                available,
                "needed",
                wanted);
    }

    static LedgerRefusal differentPointTypes(String from, String to, String pointType) {
        return LedgerRefusal.of(
                Code.DIFFERENT_POINT_TYPES,
                "accounts " + from + " and " + to + " must both hold point type " + pointType,
                "from_account",
                from,
                "to_account",
                to,
                "point_type",
                pointType);
    }

    static LedgerRefusal accountClosed(String account) {
        return LedgerRefusal.of(Code.ACCOUNT_CLOSED, "account " + account + " is closed", "account", account);
    }

    static LedgerRefusal unknownReason(int reason) {
        return LedgerRefusal.of(Code.UNKNOWN_REASON, "reason " + reason + " is not registered", "reason", reason);
    }

    static LedgerRefusal reasonNotAllowed(int reason, String side, OwnerKind kind) {
        return LedgerRefusal.of(
                Code.REASON_NOT_ALLOWED,
                "reason " + reason + " does not allow a " + kind + " account as " + side,
                "reason",
                reason,
                "side",
                side,
                "owner_kind",
                kind);
    }

    static LedgerRefusal unknownAccount(String account) {
        return LedgerRefusal.of(Code.UNKNOWN_ACCOUNT, "no account " + account, "account", account);
    }

    static LedgerRefusal unknownPointType(String code) {
        return LedgerRefusal.of(Code.UNKNOWN_POINT_TYPE, "no point type " + code, "point_type", code);
    }

    static LedgerRefusal sameAccount() {
        return LedgerRefusal.of(Code.SAME_ACCOUNT, "from_account and to_account must differ");
    }

    static LedgerRefusal transferIdReused(String transferId) {
        return LedgerRefusal.of(
                Code.TRANSFER_ID_REUSED,
                "transfer_id " + transferId + " was already used for a different transfer",
                "transfer_id",
                transferId);
    }

    static LedgerRefusal overflow() {
        return LedgerRefusal.of(Code.AMOUNT_OVERFLOW, "the resulting balance would not fit in 64 bits");
    }

    static LedgerRefusal holdNotPending(String holdId, HoldStatus status) {
        return LedgerRefusal.of(
                Code.HOLD_NOT_PENDING, "hold " + holdId + " is " + status, "hold_id", holdId, "status", status);
    }

    static LedgerRefusal holdExpired(String holdId, Instant expiresAt) {
        return LedgerRefusal.of(
                Code.HOLD_EXPIRED,
                "hold " + holdId + " expired at " + expiresAt,
                "hold_id",
                holdId,
                "expires_at",
                expiresAt);
    }

    static LedgerRefusal holdNotDue(String holdId, Instant expiresAt) {
        return LedgerRefusal.of(
                Code.HOLD_NOT_DUE,
                "hold " + holdId + " expires at " + expiresAt,
                "hold_id",
                holdId,
                "expires_at",
                expiresAt);
    }

    static LedgerRefusal postExceedsHold(long wanted, long held) {
        return LedgerRefusal.of(
                Code.POST_EXCEEDS_HOLD,
                "cannot post " + wanted + " of a hold of " + held,
                "amount",
                wanted,
                "held",
                held);
    }

    static LedgerRefusal alreadyReversed(String transferId) {
        return LedgerRefusal.of(
                Code.ALREADY_REVERSED, "transfer " + transferId + " was already reversed", "transfer_id", transferId);
    }

    static LedgerRefusal reversalExceedsOriginal(long wanted, long original) {
        return LedgerRefusal.of(
                Code.REVERSAL_EXCEEDS_ORIGINAL,
                "cannot reverse " + wanted + " of a transfer of " + original,
                "amount",
                wanted,
                "original",
                original);
    }

    static LedgerRefusal notReversible(String transferId, TransferKind kind) {
        return LedgerRefusal.of(
                Code.NOT_REVERSIBLE,
                "transfer " + transferId + " is a " + kind + " and moved no points",
                "transfer_id",
                transferId,
                "kind",
                kind);
    }

    static LedgerRefusal conversionTooSmall() {
        return LedgerRefusal.of(Code.CONVERSION_TOO_SMALL, "the converted amount rounds down to zero");
    }

    static LedgerRefusal pointTypeExists(String code) {
        return LedgerRefusal.of(Code.POINT_TYPE_EXISTS, "point type " + code + " already exists", "point_type", code);
    }

    static LedgerRefusal reasonExists(int code) {
        return LedgerRefusal.of(Code.REASON_EXISTS, "reason " + code + " is registered differently", "reason", code);
    }

    static LedgerRefusal accountNotEmpty(String account) {
        return LedgerRefusal.of(
                Code.ACCOUNT_NOT_EMPTY,
                "account " + account + " still holds points or has open holds",
                "account",
                account);
    }

    static LedgerRefusal systemAccount() {
        return LedgerRefusal.of(Code.SYSTEM_ACCOUNT, "system accounts cannot be closed");
    }

    static LedgerRefusal linkedFailed() {
        return LedgerRefusal.of(Code.LINKED_TRANSFER_FAILED, "another transfer of the linked batch failed");
    }

    static LedgerRefusal conflictingBalance() {
        return LedgerRefusal.of(Code.CONCURRENT_UPDATE, "the accounts kept changing; retry");
    }
}
