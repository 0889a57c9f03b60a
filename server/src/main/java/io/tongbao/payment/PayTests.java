package io.tongbao.payment;

import io.tongbao.merchant.MerchantDirectory;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.web.MerchantCaller;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The console's pay test: a payment created as the chosen app would create it through the merchant API, for a
 * console user whose merchant scope must own the app (an operator, with no scope, may pick any app). Read back
 * with the channel's live action, so that the console can draw the QR code or link the buyer would get.
 */
@Service
public class PayTests {

    private final UnifiedOrders orders;
    private final PaymentStore store;
    private final PaymentViews views;
    private final MerchantDirectory directory;
    private final AuditTrail audit;

    PayTests(
            UnifiedOrders orders,
            PaymentStore store,
            PaymentViews views,
            MerchantDirectory directory,
            AuditTrail audit) {
        this.orders = orders;
        this.store = store;
        this.views = views;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * The payment, created through the unified order as the app; empty (and nothing created) when the app does not
     * exist or is not the scope's. Refusals of the unified order ({@code ApiException}) pass through unchanged.
     */
    public Optional<Payment> create(@Nullable String merchantScope, String appId, OrderRequest request) {
        Optional<MerchantCaller> caller = (merchantScope == null
                        ? directory.app(null, appId)
                        : MerchantId.parse(merchantScope).flatMap(scope -> directory.app(scope, appId)))
                .map(summary -> new MerchantCaller(
                        summary.app().merchantId(), summary.app().id()));
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        Payment payment = orders.order(caller.get(), request);
        audit.record(AuditChange.of("payment.pay_test.created", "payment", payment.id())
                .merchant(caller.get().merchantId())
                .after(Map.of(
                        "app_id", appId,
                        "out_trade_no", payment.outTradeNo(),
                        "amount", payment.amount(),
                        "pay_way", payment.payWay().name())));
        return Optional.of(payment);
    }

    /**
     * A payment and what its live attempt hands the buyer's client ({@code type} as {@code ClientAction.Type} names
     * it, its {@code data}); no action when nothing is open (paid, closed, or a barcode awaiting the buyer).
     */
    public record PayTest(Payment payment, @Nullable String actionType, Map<String, Object> actionData) {

        static PayTest of(Payment payment) {
            ClientAction action = payment.action();
            return action == null
                    ? new PayTest(payment, null, Map.of())
                    : new PayTest(payment, action.type().name(), action.data());
        }
    }

    /** The payment with its live action, when it exists and is the scope's (any payment for an operator). */
    public Optional<PayTest> payment(@Nullable String merchantScope, String paymentId) {
        return PaymentId.parse(paymentId)
                .flatMap(id -> store.orderById(id)
                        .filter(order -> merchantScope == null
                                || order.merchantId().value().equals(merchantScope))
                        .flatMap(order -> store.orderWithLiveAction(order.merchantId(), id)))
                .map(views::view)
                .map(PayTest::of);
    }
}
