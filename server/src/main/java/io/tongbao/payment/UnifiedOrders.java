package io.tongbao.payment;

import io.tongbao.merchant.FeeRates;
import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.BuyerIds;
import io.tongbao.payment.spi.ChannelAccountCheck;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.CloseResult;
import io.tongbao.payment.spi.PrepayCommand;
import io.tongbao.payment.spi.PrepayResult;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The unified order: one call for every pay way. The same out_trade_no with the same parameters returns the
 * existing payment; another pay way opens a new attempt only after the previous one is closed at its channel (or
 * found paid). Channel calls happen outside any database transaction; the database decides every race.
 */
@Service
public class UnifiedOrders {

    private static final Duration WAIT_FOR_CONCURRENT_ATTEMPT = Duration.ofSeconds(10);

    private final PaymentStore payments;
    private final PaymentSettlement settlement;
    private final PaymentViews views;
    private final Gateways gateways;
    private final ChannelAccountCheck channelAccounts;
    private final FeeRates feeRates;
    private final Clock clock;

    UnifiedOrders(
            PaymentStore payments,
            PaymentSettlement settlement,
            PaymentViews views,
            Gateways gateways,
            ChannelAccountCheck channelAccounts,
            FeeRates feeRates,
            Clock clock) {
        this.payments = payments;
        this.settlement = settlement;
        this.views = views;
        this.gateways = gateways;
        this.channelAccounts = channelAccounts;
        this.feeRates = feeRates;
        this.clock = clock;
    }

    public Payment order(MerchantCaller caller, OrderRequest request) {
        Duration expiry = OrderValidation.validate(request);
        PayWay payWay = Objects.requireNonNull(request.payWay(), "validated: pay_way is required");
        AppId appId = caller.app();
        requireChannelAccount(appId, payWay);
        // PostgreSQL keeps microseconds: the answer is built from these values, so they must be what a GET reads back
        Instant now = JdbcTime.toDatabasePrecision(clock.instant());
        String hash = requestHash(request);
        long minor = Objects.requireNonNull(request.amount(), "validated: amount is required");
        Money amount = Money.of(minor, Currency.byCode(request.currency()).orElse(Currency.CNY));
        OutTradeNo outTradeNo =
                OutTradeNo.of(Objects.requireNonNull(request.outTradeNo(), "validated: out_trade_no is required"));
        OrderRow.Fee fee = feeRates.ratePpm(appId.value(), payWay).stream()
                .mapToObj(ratePpm -> new OrderRow.Fee(ratePpm, fee(amount, ratePpm)))
                .findFirst()
                .orElse(null);
        OrderRow.OrderTerms terms = new OrderRow.OrderTerms(
                subject(request),
                request.description(),
                views.metadataJson(request.metadata()),
                request.notifyUrl(),
                request.returnUrl(),
                hash);
        OrderRow fresh = OrderRow.created(
                PaymentId.next(),
                caller.merchant(),
                appId,
                outTradeNo,
                amount,
                terms,
                payWay,
                now.plus(expiry),
                fee,
                now);
        AttemptRow firstAttempt = AttemptRow.creating(fresh, payWay, now);
        // a new order and its first attempt in one transaction: one commit, and no one can see the order without it
        if (payments.insertOrderWithAttempt(
                fresh, firstAttempt, payWay.channel().name())) {
            return open(fresh, firstAttempt, request, payWay);
        }
        OrderRow order = payments.orderByOutTradeNo(appId, outTradeNo).orElseThrow();
        if (!order.terms().requestHash().equals(hash)) {
            throw ApiException.conflict(
                    "OUT_TRADE_NO_REUSED",
                    "out_trade_no " + request.outTradeNo()
                            + " was used for a payment with other parameters (amount, subject, description, URLs or metadata)");
        }
        if (order.status() != PaymentStatus.PENDING || !order.expiresAt().isAfter(now)) {
            return views.view(order);
        }
        return anotherAttempt(order, request, payWay, now);
    }

    /** An existing unpaid order asked for again: the live attempt's answer, or a new attempt once it is closed. */
    private Payment anotherAttempt(OrderRow order, OrderRequest request, PayWay payWay, Instant now) {
        Optional<AttemptRow> live = payments.liveAttempt(order.id());
        if (live.isPresent()) {
            AttemptRow current = live.get();
            if (current.status() == AttemptStatus.CREATING) {
                return views.view(awaitConcurrentAttempt(order.id()));
            }
            if (current.payWay() == payWay && current.actionJson() != null && payWay != PayWay.ALIPAY_BARCODE) {
                return views.view(reload(order.id()));
            }
            if (!closePrevious(current)) {
                return views.view(reload(order.id()));
            }
        }
        AttemptRow attempt = AttemptRow.creating(order, payWay, now);
        if (payments.insertCreatingAttempt(attempt, payWay.channel().name()).isEmpty()) {
            return views.view(awaitConcurrentAttempt(order.id()));
        }
        return open(order, attempt, request, payWay);
    }

    /** Opens the CREATING attempt at the channel; the answer shows the action just made, without reading it back. */
    private Payment open(OrderRow order, AttemptRow attempt, OrderRequest request, PayWay payWay) {
        if (order.payWay() != payWay) {
            payments.changePayWay(order.id(), payWay, attempt.createdAt());
        }
        PrepayResult result = gateways.of(payWay)
                .prepay(new PrepayCommand(
                        order.appId(),
                        payWay,
                        attempt.id().asOutTradeNo(),
                        order.amount(),
                        order.terms().subject(),
                        order.terms().description(),
                        order.expiresAt(),
                        order.terms().returnUrl(),
                        request.clientIp(),
                        new BuyerIds(request.openid(), request.buyerId(), request.authCode())));
        Instant after = clock.instant();
        ClientAction shown = null;
        boolean opened = false;
        switch (result) {
            case PrepayResult.AwaitingBuyer awaiting -> {
                opened = payments.attemptOpened(
                        attempt.id(),
                        views.actionJson(awaiting.action()),
                        after.plus(QuerySchedule.first(payWay)),
                        after);
                shown = awaiting.action();
            }
            case PrepayResult.Paid paid ->
                settlement.tradePaid(
                        new TradeRef(order.appId(), payWay, attempt.id().asOutTradeNo()), paid.trade());
            case PrepayResult.Processing processing -> {
                shown = new ClientAction(ClientAction.Type.NONE, Map.of("waiting_for", "buyer confirmation"));
                opened = payments.attemptOpened(
                        attempt.id(), views.actionJson(shown), after.plus(QuerySchedule.first(payWay)), after);
            }
            case PrepayResult.Unknown unknown ->
                // the trade may exist at the channel: keep the attempt and let the janitor ask soon
                payments.attemptOpened(attempt.id(), null, after.plusSeconds(5), after);
            case PrepayResult.Failed failed -> {
                payments.attemptFailed(attempt.id(), AttemptStatus.CREATING, failed.code(), failed.message(), after);
                throw ApiException.rule(
                        "CHANNEL_REFUSED",
                        payWay.channel() + " refused the payment: " + failed.code() + " " + failed.message());
            }
        }
        if (opened && order.payWay() == payWay) {
            // the order as it was when its attempt opened, without reading it back: a notification or close that
            // races this answer is what the merchant's GET (the authoritative status) is for
            return views.view(order, shown);
        }
        // paid at once (barcode), refused to open because something moved the attempt, or the pay way changed
        return views.view(reload(order.id()));
    }

    /** True when a new attempt may start; false when the previous one turned out paid. */
    private boolean closePrevious(AttemptRow previous) {
        CloseResult result = gateways.of(previous.payWay())
                .close(new TradeRef(
                        previous.appId(), previous.payWay(), previous.id().asOutTradeNo()));
        return switch (result) {
            case CloseResult.Closed closed -> {
                settlement.attemptClosed(previous.id(), false);
                yield true;
            }
            case CloseResult.AlreadyPaid paid -> {
                settlement.tradePaid(
                        new TradeRef(
                                previous.appId(),
                                previous.payWay(),
                                previous.id().asOutTradeNo()),
                        paid.trade());
                yield false;
            }
            case CloseResult.NotYet notYet ->
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "PREVIOUS_ATTEMPT_OPEN",
                        "the " + previous.payWay() + " attempt cannot be closed at the channel yet (" + notYet.reason()
                                + "); retry in " + notYet.retryAfter().toSeconds() + " s");
            case CloseResult.Unknown unknown ->
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "PREVIOUS_ATTEMPT_OPEN",
                        "the channel did not confirm closing the " + previous.payWay() + " attempt (" + unknown.reason()
                                + "); retry shortly");
        };
    }

    private OrderRow awaitConcurrentAttempt(PaymentId paymentId) {
        Instant deadline = clock.instant().plus(WAIT_FOR_CONCURRENT_ATTEMPT);
        while (clock.instant().isBefore(deadline)) {
            Optional<AttemptRow> live = payments.liveAttempt(paymentId);
            if (live.isEmpty() || live.get().status() != AttemptStatus.CREATING) {
                return reload(paymentId);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw ApiException.conflict(
                "REQUEST_IN_PROGRESS", "another request is opening this payment at the channel; retry");
    }

    private OrderRow reload(PaymentId paymentId) {
        return payments.orderById(paymentId).orElseThrow();
    }

    private void requireChannelAccount(AppId appId, PayWay payWay) {
        if (!channelAccounts.canUse(appId.value(), payWay)) {
            throw ApiException.rule(
                    "CHANNEL_NOT_CONFIGURED",
                    "this app has no " + payWay.channel()
                            + " account; the operator sets it up under /api/operator/apps/{app_id}/channels");
        }
    }

    /** The fee at a rate in parts per million, rounded half up to the minor unit. */
    static Money fee(Money amount, int ratePpm) {
        return Money.of(fee(amount.minor(), ratePpm), amount.currency());
    }

    /** Fee in fen, rounded half up; checked arithmetic. */
    static long fee(long amount, int ratePpm) {
        return Math.addExact(Math.multiplyExact(amount, (long) ratePpm), 500_000L) / 1_000_000L;
    }

    private static String subject(OrderRequest request) {
        return Objects.requireNonNull(request.subject(), "validated: subject is required")
                .strip();
    }

    private String requestHash(OrderRequest request) {
        String canonical = String.join(
                "\u0000",
                String.valueOf(request.amount()),
                Currency.CNY.name(),
                subject(request),
                String.valueOf(request.description()),
                String.valueOf(request.notifyUrl()),
                String.valueOf(request.returnUrl()),
                String.valueOf(views.metadataJson(request.metadata())));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
