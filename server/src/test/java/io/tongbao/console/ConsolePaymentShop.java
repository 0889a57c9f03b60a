package io.tongbao.console;

import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.support.OperatorClient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A merchant with one app whose payments the console tests look at: created through the SDK, paid (or paid after
 * their close: a payment exception) by the faked channel's report. Needs {@code FakeChannelGateways} in the context.
 */
final class ConsolePaymentShop {

    final String merchantId;
    final String appId;
    private final TongbaoClient client;
    private final JdbcClient jdbc;
    private final ChannelNotifications notifications;

    private ConsolePaymentShop(
            String merchantId,
            String appId,
            TongbaoClient client,
            JdbcClient jdbc,
            ChannelNotifications notifications) {
        this.merchantId = merchantId;
        this.appId = appId;
        this.client = client;
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    static ConsolePaymentShop open(OperatorClient operator, JdbcClient jdbc, ChannelNotifications notifications) {
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("console shop"));
        operator.configureChannels(app.appId());
        return new ConsolePaymentShop(app.merchantId(), app.appId(), operator.sdk(app), jdbc, notifications);
    }

    /** A pending payment with that subject. */
    PaymentApi.Payment order(long amount, String subject) {
        return client.payments()
                .create(PaymentApi.PaymentRequest.of(
                        "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                        amount,
                        subject,
                        PayWay.ALIPAY_QR.name()));
    }

    /** A paid payment with that subject. */
    PaymentApi.Payment paid(long amount, String subject) {
        PaymentApi.Payment payment = order(amount, subject);
        channelReportsPaid(payment, amount);
        return payment;
    }

    /** A payment closed and then paid at the channel anyway: a PAID_AFTER_CLOSE exception, refunded automatically. */
    PaymentApi.Payment paidAfterClose(long amount, String subject) {
        PaymentApi.Payment payment = order(amount, subject);
        client.payments().close(payment.id());
        channelReportsPaid(payment, amount);
        return payment;
    }

    private void channelReportsPaid(PaymentApi.Payment payment, long amount) {
        String attempt = jdbc.sql("select id from payment_attempt where payment_id = :p order by created_at limit 1")
                .param("p", payment.id())
                .query(String.class)
                .single();
        notifications.tradePaid(
                new TradeRef(AppId.of(appId), PayWay.ALIPAY_QR, OutTradeNo.of(attempt)),
                new PaidTrade(
                        "2026" + attempt.substring(4), Money.of(amount, Currency.CNY), Instant.now(), false, null));
    }
}
