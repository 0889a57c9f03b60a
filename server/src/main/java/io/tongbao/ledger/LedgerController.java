package io.tongbao.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.tongbao.shared.web.MerchantCaller;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The merchant endpoints of the ledger; signed, replay-protected and rate-limited like all of /api/v1. */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "Create a point type with its system accounts")
    @PostMapping("/point-types")
    PointTypeView createPointType(MerchantCaller caller, @RequestBody PointTypeRequest request) {
        return ledger.createPointType(caller, request);
    }

    @Operation(operationId = "listPointTypes", summary = "The merchant's point types")
    @GetMapping("/point-types")
    List<PointTypeView> pointTypes(MerchantCaller caller) {
        return ledger.pointTypes(caller);
    }

    @Operation(operationId = "getPointType", summary = "A point type")
    @GetMapping("/point-types/{code}")
    PointTypeView pointType(MerchantCaller caller, @PathVariable String code) {
        return ledger.pointType(caller, code);
    }

    @Operation(summary = "Register a reason code and which owner kinds may pay and receive under it")
    @PostMapping("/reasons")
    ReasonView registerReason(MerchantCaller caller, @RequestBody ReasonRequest request) {
        return ledger.registerReason(caller, request);
    }

    @Operation(operationId = "listReasons", summary = "The merchant's reason codes")
    @GetMapping("/reasons")
    List<ReasonView> reasons(MerchantCaller caller) {
        return ledger.reasons(caller);
    }

    @Operation(summary = "Open an account for an owner")
    @PostMapping("/accounts")
    AccountView openAccount(MerchantCaller caller, @RequestBody AccountRequest request) {
        return ledger.openAccount(caller, request);
    }

    /** Finds the account of an owner: {@code ?point_type=&owner_kind=&owner_id=}. */
    @Operation(operationId = "findAccount", summary = "The account of an owner (point_type, owner_kind, owner_id)")
    @GetMapping("/accounts")
    AccountView accountOf(
            MerchantCaller caller,
            @RequestParam("point_type") String pointType,
            @RequestParam("owner_kind") String ownerKind,
            @RequestParam("owner_id") String ownerId) {
        OwnerKind kind;
        try {
            kind = OwnerKind.valueOf(ownerKind);
        } catch (IllegalArgumentException e) {
            throw LedgerErrors.invalid("owner_kind", "USER, MERCHANT or SYSTEM").exception();
        }
        return ledger.accountOf(caller, pointType, kind, ownerId);
    }

    @Operation(operationId = "getAccount", summary = "An account and its balance")
    @GetMapping("/accounts/{accountId}")
    AccountView account(MerchantCaller caller, @PathVariable String accountId) {
        return ledger.account(caller, accountId);
    }

    @Operation(operationId = "closeAccount", summary = "Close an account (its balance must be zero)")
    @PostMapping("/accounts/{accountId}/close")
    AccountView close(MerchantCaller caller, @PathVariable String accountId) {
        return ledger.closeAccount(caller, accountId);
    }

    @Operation(operationId = "getStatement", summary = "An account's statement, newest first, one page at a time")
    @GetMapping("/accounts/{accountId}/statement")
    StatementPage statement(
            MerchantCaller caller,
            @PathVariable String accountId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer reason) {
        return ledger.statement(
                caller, accountId, new StatementQuery(limit, cursor, instant("from", from), instant("to", to), reason));
    }

    @Operation(operationId = "createTransfer", summary = "Transfer points; the transfer_id makes it apply at most once")
    @PostMapping("/transfers")
    TransferView transfer(MerchantCaller caller, @RequestBody TransferRequest request) {
        return ledger.transfer(caller, request);
    }

    @Operation(operationId = "getTransfer", summary = "A transfer")
    @GetMapping("/transfers/{transferId}")
    TransferView transferById(MerchantCaller caller, @PathVariable String transferId) {
        return ledger.transferById(caller, transferId);
    }

    @Operation(operationId = "reverseTransfer", summary = "Reverse all or part of a transfer")
    @PostMapping("/transfers/{transferId}/reversal")
    TransferView reverse(MerchantCaller caller, @PathVariable String transferId, @RequestBody ReversalRequest request) {
        return ledger.reverse(caller, transferId, request);
    }

    @Operation(
            operationId = "createBatch",
            summary = "Several transfers at once, all or nothing (ATOMIC) or each on its own (INDEPENDENT)")
    @PostMapping("/batches")
    BatchResult batch(MerchantCaller caller, @RequestBody BatchRequest request) {
        return ledger.batch(caller, request);
    }

    @Operation(operationId = "createHold", summary = "Hold points for a later post or void")
    @PostMapping("/holds")
    HoldView hold(MerchantCaller caller, @RequestBody HoldRequest request) {
        return ledger.hold(caller, request);
    }

    @Operation(operationId = "getHold", summary = "A hold")
    @GetMapping("/holds/{holdId}")
    HoldView holdById(MerchantCaller caller, @PathVariable String holdId) {
        return ledger.holdById(caller, holdId);
    }

    @Operation(operationId = "postHold", summary = "Post a hold: move all or part of the held amount")
    @PostMapping("/holds/{holdId}/post")
    HoldView post(MerchantCaller caller, @PathVariable String holdId, @RequestBody HoldResolution resolution) {
        return ledger.postHold(caller, holdId, resolution);
    }

    @Operation(summary = "Void a hold: release what it held")
    @PostMapping("/holds/{holdId}/void")
    HoldView voidHold(MerchantCaller caller, @PathVariable String holdId, @RequestBody HoldResolution resolution) {
        return ledger.voidHold(caller, holdId, resolution);
    }

    @Operation(operationId = "createConversion", summary = "Convert points of one type into another")
    @PostMapping("/conversions")
    ConversionView convert(MerchantCaller caller, @RequestBody ConversionRequest request) {
        return ledger.convert(caller, request);
    }

    @Operation(operationId = "getConversion", summary = "A conversion")
    @GetMapping("/conversions/{conversionId}")
    ConversionView conversion(MerchantCaller caller, @PathVariable String conversionId) {
        return ledger.conversionById(caller, conversionId);
    }

    /** {@code ?point_type=&date=2026-11-22&zone=Asia/Shanghai}; the zone defaults to China's, where 对账 days are cut. */
    @Operation(summary = "Per reason and kind, what moved on one day (date YYYY-MM-DD, zone default Asia/Shanghai)")
    @GetMapping("/reports/daily-totals")
    List<DailyTotal> dailyTotals(
            MerchantCaller caller,
            @RequestParam("point_type") String pointType,
            @RequestParam String date,
            @RequestParam(required = false) String zone) {
        LocalDate day;
        ZoneId zoneId;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeException e) {
            throw LedgerErrors.invalid("date", "YYYY-MM-DD").exception();
        }
        try {
            zoneId = zone == null ? CHINA : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw LedgerErrors.invalid("zone", "an IANA time zone such as Asia/Shanghai")
                    .exception();
        }
        return ledger.dailyTotals(caller, pointType, day, zoneId);
    }

    private static @Nullable Instant instant(String field, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw LedgerErrors.invalid(field, "an ISO-8601 instant such as 2026-11-22T08:00:00Z")
                    .exception();
        }
    }
}
