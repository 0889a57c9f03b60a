package io.tongbao.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The merchant's payment API (docs/payments.md). */
@RestController
@RequestMapping("/api/v1/payments")
class PaymentController {

    private final UnifiedOrders unifiedOrders;
    private final Payments payments;
    private final Refunds refunds;

    PaymentController(UnifiedOrders unifiedOrders, Payments payments, Refunds refunds) {
        this.unifiedOrders = unifiedOrders;
        this.payments = payments;
        this.refunds = refunds;
    }

    @Operation(
            operationId = "createPayment",
            summary = "Create a payment (unified order): one call for every pay way; the same out_trade_no with the "
                    + "same parameters returns the same payment")
    @PostMapping
    Payment order(MerchantCaller caller, @RequestBody OrderRequest request) {
        return unifiedOrders.order(caller, request);
    }

    @Operation(
            operationId = "getPayment",
            summary = "A payment: its authoritative status, and while pending what the client needs to let the buyer "
                    + "pay")
    @GetMapping("/{paymentId}")
    Payment get(MerchantCaller caller, @PathVariable String paymentId) {
        return payments.get(caller, known(paymentId));
    }

    @Operation(
            operationId = "listPayments",
            summary = "Payments, newest first, one page at a time (pass next_cursor as cursor)")
    @GetMapping
    Payments.Page list(
            MerchantCaller caller,
            @RequestParam(name = "out_trade_no", required = false) @Nullable String outTradeNo,
            @RequestParam(required = false) @Nullable PaymentStatus status,
            @RequestParam(name = "pay_way", required = false) @Nullable PayWay payWay,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") int limit) {
        return payments.list(caller, from, to, status, payWay, outTradeNo, cursor, limit);
    }

    @Operation(operationId = "closePayment", summary = "Close a pending payment so that it can no longer be paid")
    @PostMapping("/{paymentId}/close")
    Payment close(MerchantCaller caller, @PathVariable String paymentId) {
        return payments.close(caller, known(paymentId));
    }

    @Operation(
            operationId = "createRefund",
            summary = "Refund part or all of a paid payment; the same out_refund_no returns the same refund")
    @PostMapping("/{paymentId}/refunds")
    Refund refund(MerchantCaller caller, @PathVariable String paymentId, @RequestBody Refunds.RefundRequest request) {
        return refunds.refund(caller, known(paymentId), request);
    }

    @Operation(operationId = "listRefunds", summary = "The refunds of a payment")
    @GetMapping("/{paymentId}/refunds")
    List<Refund> refunds(MerchantCaller caller, @PathVariable String paymentId) {
        return refunds.refundsOf(caller, known(paymentId));
    }

    /** A path's payment id; one that cannot be an id names no payment, as an id of another merchant's does not. */
    private static PaymentId known(String paymentId) {
        return PaymentId.parse(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
    }
}
