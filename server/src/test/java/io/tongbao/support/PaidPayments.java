package io.tongbao.support;

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
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A payment created through the API and reported paid by the (fake) channel: the source of payment.succeeded. */
public final class PaidPayments {

    private PaidPayments() {}

    /** Needs {@code FakeChannelGateways} in the context and channels configured for the app. */
    public static String pay(
            TongbaoClient client, JdbcClient jdbc, ChannelNotifications notifications, String appId, long amount) {
        PaymentApi.Payment payment = client.payments()
                .create(new PaymentApi.PaymentRequest(
                        "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                        amount,
                        "CNY",
                        "stream",
                        null,
                        "ALIPAY_QR",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        String attempt = jdbc.sql("select id from payment_attempt where payment_id = :p")
                .param("p", payment.id())
                .query(String.class)
                .single();
        notifications.tradePaid(
                new TradeRef(AppId.of(appId), PayWay.ALIPAY_QR, OutTradeNo.of(attempt)),
                new PaidTrade("txn-" + attempt, Money.of(amount, Currency.CNY), Instant.now(), false, null));
        return payment.id();
    }
}
