package io.tongbao.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.CloseResult;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Reading payments (always scoped by the caller's merchant) and closing them. */
@Service
public class Payments {

    private final PaymentStore payments;
    private final PaymentViews views;
    private final PaymentSettlement settlement;
    private final Gateways gateways;

    Payments(PaymentStore payments, PaymentViews views, PaymentSettlement settlement, Gateways gateways) {
        this.payments = payments;
        this.views = views;
        this.settlement = settlement;
        this.gateways = gateways;
    }

    /** The authoritative status, which merchants poll: one query. */
    public Payment get(MerchantCaller caller, PaymentId paymentId) {
        return payments.orderWithLiveAction(caller.merchant(), paymentId)
                .map(views::view)
                .orElseThrow(() -> ApiException.notFound("payment", paymentId.value()));
    }

    public Payment byOutTradeNo(MerchantCaller caller, OutTradeNo outTradeNo) {
        return payments.orderByOutTradeNo(caller.app(), outTradeNo)
                .filter(o -> o.merchantId().equals(caller.merchant()))
                .map(views::view)
                .orElseThrow(() -> ApiException.notFound("payment with out_trade_no", outTradeNo.value()));
    }

    /**
     * The notify URL the merchant gave with the order, which the payment's webhooks go to instead of the app's
     * default. Read by the webhook module when it records a payment's event (the events do not carry it).
     */
    public Optional<String> notifyUrl(String merchantId, String paymentId) {
        return payments.notifyUrl(merchantId, paymentId);
    }

    @Schema(name = "PaymentPage", description = "One page of payments; next_cursor is null on the last")
    public record Page(List<Payment> data, @Nullable String nextCursor) {}

    public Page list(
            MerchantCaller caller,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable PaymentStatus status,
            @Nullable PayWay payWay,
            @Nullable String outTradeNo,
            @Nullable String cursor,
            int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid("limit", "between 1 and 100");
        }
        Instant cursorAt = null;
        String cursorId = null;
        if (cursor != null) {
            String[] parts = cursor.split("~", 2);
            try {
                long micros = Long.parseLong(parts[0]);
                cursorAt = Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                cursorId = parts[1];
            } catch (RuntimeException e) {
                throw ApiException.invalid("cursor", "is not a cursor this API returned");
            }
        }
        List<OrderRow> rows =
                payments.page(caller.merchant(), from, to, status, payWay, outTradeNo, cursorAt, cursorId, limit + 1);
        List<OrderRow> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit ? cursorOf(page.getLast()) : null;
        return new Page(page.stream().map(views::view).toList(), next);
    }

    /** Closes at the channel first; locally only once the channel agreed (or there was nothing open there). */
    public Payment close(MerchantCaller caller, PaymentId paymentId) {
        OrderRow order = order(caller, paymentId);
        if (order.status() == PaymentStatus.CLOSED) {
            return views.view(order);
        }
        if (order.status() == PaymentStatus.PAID) {
            throw ApiException.rule("PAYMENT_PAID", "payment " + paymentId + " is paid; refund it instead");
        }
        Optional<AttemptRow> live = payments.liveAttempt(paymentId);
        if (live.isEmpty()) {
            settlement.closeOrder(paymentId);
            return get(caller, paymentId);
        }
        AttemptRow attempt = live.get();
        if (attempt.status() == AttemptStatus.CREATING) {
            throw ApiException.conflict(
                    "REQUEST_IN_PROGRESS", "the payment is being opened at the channel; retry shortly");
        }
        TradeRef trade =
                new TradeRef(attempt.appId(), attempt.payWay(), attempt.id().asOutTradeNo());
        switch (gateways.of(attempt.payWay()).close(trade)) {
            case CloseResult.Closed closed -> settlement.attemptClosed(attempt.id(), true);
            case CloseResult.AlreadyPaid paid -> {
                settlement.tradePaid(trade, paid.trade());
                throw ApiException.rule(
                        "PAYMENT_PAID",
                        "the buyer paid before the close reached the channel; " + "payment " + paymentId + " is paid");
            }
            case CloseResult.NotYet notYet ->
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "CLOSE_NOT_YET_POSSIBLE",
                        notYet.reason() + "; retry in " + notYet.retryAfter().toSeconds() + " s");
            case CloseResult.Unknown unknown ->
                throw new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        "CHANNEL_UNAVAILABLE",
                        "the channel did not confirm the close (" + unknown.reason() + "); retry");
        }
        return get(caller, paymentId);
    }

    private OrderRow order(MerchantCaller caller, PaymentId paymentId) {
        return payments.order(caller.merchant(), paymentId)
                .orElseThrow(() -> ApiException.notFound("payment", paymentId.value()));
    }

    private static String cursorOf(OrderRow row) {
        long micros =
                row.createdAt().getEpochSecond() * 1_000_000L + row.createdAt().getNano() / 1000;
        return micros + "~" + row.id();
    }
}
