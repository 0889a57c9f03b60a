package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.sdk.PaymentApi.RefundRequest;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Many requests at once, over HTTP, against the sandbox: identical orders from a double-clicking client, refunds
 * racing for the same money, and two merchants with their own channel keys paying and being queried side by side.
 */
@SandboxEndToEnd
class ConcurrencyEndToEndTest extends SandboxShopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void twoHundredConcurrentIdenticalOrdersCreateOnePaymentAndOneChannelTrade() throws Exception {
        Shop shop = Shop.open(operator, sandbox, Channel.ALIPAY);
        var order = Shop.order(PayWay.ALIPAY_QR, 1999);
        Set<String> paymentIds = ConcurrentHashMap.newKeySet();
        Set<Object> qrCodes = ConcurrentHashMap.newKeySet();
        AtomicInteger inProgress = new AtomicInteger();

        allAtOnce(200, i -> {
            try {
                Payment payment = retriedWhileBusy(() -> shop.payments.create(order));
                paymentIds.add(payment.id());
                qrCodes.add(payment.action().data().get("content"));
            } catch (TongbaoException.Conflict e) {
                assertThat(e.code()).isEqualTo("REQUEST_IN_PROGRESS");
                inProgress.incrementAndGet();
            }
            return null;
        });

        assertThat(paymentIds).hasSize(1);
        assertThat(qrCodes).as("every answer shows the one channel trade").hasSize(1);
        assertThat(inProgress.get()).as("most callers waited for the one trade").isLessThan(200);
        assertThat(jdbc.sql("select count(*) from payment_order where app_id = :app and out_trade_no = :no")
                        .param("app", shop.appId)
                        .param("no", order.outTradeNo())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        String paymentId = paymentIds.iterator().next();
        String tradeNo = records.attempt(paymentId).id();

        JsonNode trade = buyer.pays(shop.payments.get(paymentId));

        assertThat(trade.get("out_trade_no").asString()).isEqualTo(tradeNo);
        await().atMost(PATIENCE).until(() -> shop.isPaid(paymentId));
        assertThat(sandbox.notifications(shop.alipay.appId(), null))
                .extracting(n -> n.get("out_trade_no").asString())
                .as("the channel saw one trade of this merchant")
                .containsOnly(tradeNo);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void concurrentRefundsNeverAddUpToMoreThanWasPaid(PayWay way) throws Exception {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1000);
        String tradeNo = records.attempt(payment.id()).id();
        buyer.pays(payment);
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger exceeding = new AtomicInteger();

        allAtOnce(40, i -> {
            try {
                shop.payments.refund(payment.id(), new RefundRequest("R" + Shop.outTradeNo(), 100, "race " + i));
                accepted.incrementAndGet();
            } catch (TongbaoException e) {
                assertThat(e.code()).isEqualTo("REFUND_EXCEEDS_PAID");
                exceeding.incrementAndGet();
            }
            return null;
        });

        assertThat(accepted.get()).isEqualTo(10);
        assertThat(exceeding.get()).isEqualTo(30);
        await().atMost(PATIENCE)
                .until(() -> shop.payments.refunds(payment.id()).stream()
                        .allMatch(r -> r.status().equals("SUCCEEDED")));
        assertThat(shop.payments.refunds(payment.id())).hasSize(10);
        assertThat(shop.payments.get(payment.id()).amountRefunded()).isEqualTo(1000);
        await().atMost(PATIENCE)
                .until(() ->
                        sandbox.notificationStates(shop.account(way), tradeNo).size() == 11);
        List<String> refundNotices = sandbox.summariesInSendingOrder(shop.account(way), tradeNo).stream()
                .skip(1)
                .toList();
        if (way == PayWay.ALIPAY_QR) {
            // each says how much the channel has refunded so far: never above the 10.00 paid, and 10.00 in the end
            assertThat(refundNotices.stream().map(s -> new BigDecimal(s.substring(s.indexOf('=') + 1))))
                    .allMatch(fee -> fee.compareTo(new BigDecimal("10.00")) <= 0)
                    .contains(new BigDecimal("10.00"));
        } else {
            assertThat(refundNotices).hasSize(10).containsOnly("REFUND.SUCCESS");
        }
    }

    @Test
    void twoMerchantsWithTheirOwnChannelKeysNeverUseEachOthersUnderLoad() throws Exception {
        // each in its own WeChat Pay key mode: platform certificates (downloaded by the SDK) and a public key
        Shop notified = Shop.open(operator, sandbox, "CERTIFICATE", Channel.ALIPAY, Channel.WECHATPAY);
        Shop queried = Shop.open(operator, sandbox, "PUBLIC_KEY", Channel.ALIPAY, Channel.WECHATPAY);
        // one merchant learns of its payments by notification, the other only by the janitor's queries
        sandbox.fault(queried.alipay.appId(), "NOTIFY_DROP", Map.of());
        sandbox.fault(queried.wechat.mchid(), "NOTIFY_DROP", Map.of());
        List<Shop> shops = List.of(notified, queried);
        Map<String, Shop> shopOf = new ConcurrentHashMap<>();
        Map<String, Long> amountOf = new ConcurrentHashMap<>();

        // several threads, each order a whole buyer's path: create, pay, read back
        concurrently(100, 8, i -> {
            Shop shop = shops.get(i % 2);
            PayWay way = (i / 2) % 2 == 0 ? PayWay.ALIPAY_QR : PayWay.WECHAT_NATIVE;
            long amount = 100 + i;
            Payment payment = shop.create(way, amount);
            shopOf.put(payment.id(), shop);
            amountOf.put(payment.id(), amount);
            JsonNode trade = buyer.pays(payment);
            // the trade landed at this merchant's own channel account
            assertThat(
                            way == PayWay.ALIPAY_QR
                                    ? trade.get("app_id").asString()
                                    : trade.get("mchid").asString())
                    .isEqualTo(shop.account(way));
            assertThat(shop.payments.get(payment.id()).amount()).isEqualTo(amount);
            if (shop == queried) {
                records.makeQueryDue(payment.id());
            }
            return null;
        });

        await().atMost(PATIENCE)
                .until(() ->
                        shopOf.entrySet().stream().allMatch(e -> e.getValue().isPaid(e.getKey())));
        shopOf.forEach((paymentId, shop) ->
                assertThat(shop.payments.get(paymentId).amount()).isEqualTo(amountOf.get(paymentId)));
        for (Shop shop : shops) {
            assertThat(records.exceptions(shop.appId))
                    .as("no signature, account or amount refused")
                    .isEmpty();
            for (PayWay way : List.of(PayWay.ALIPAY_QR, PayWay.WECHAT_NATIVE)) {
                Set<String> trades = shopOf.entrySet().stream()
                        .filter(e -> e.getValue() == shop)
                        .map(e -> records.attempt(e.getKey()))
                        .filter(a -> a.payWay().equals(way.name()))
                        .map(PaymentRecords.Attempt::id)
                        .collect(Collectors.toSet());
                List<JsonNode> notices = sandbox.notifications(shop.account(way), null);
                assertThat(trades).hasSize(25);
                assertThat(notices)
                        .extracting(n -> n.get("out_trade_no").asString())
                        .containsExactlyInAnyOrderElementsOf(trades);
                assertThat(notices)
                        .extracting(n -> n.get("target").asString())
                        .allMatch(t -> t.endsWith("/notify/" + shop.appId));
                assertThat(notices)
                        .extracting(n -> n.get("state").asString())
                        .containsOnly(shop == notified ? "ACKNOWLEDGED" : "DROPPED");
            }
            await().atMost(PATIENCE)
                    .until(() -> shop.events("payment.succeeded", null).size() == 50);
        }
    }

    /**
     * What a merchant does with 503 SERVICE_BUSY (200 callers at once can outwait the connection pool on a loaded
     * machine): retry after Retry-After. A retry must still find the one payment, so it changes no assertion.
     */
    private static <T> T retriedWhileBusy(Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (TongbaoException.ServerError e) {
                if (!"SERVICE_BUSY".equals(e.code()) || attempt == 10) {
                    throw e;
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    interface Task {
        Void run(int index) throws Exception;
    }

    /** Starts every task at the same moment, each on its own (virtual) thread, and fails with the first failure. */
    private static void allAtOnce(int count, Task task) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            run(pool, count, task);
        }
    }

    /** Runs the tasks on a few threads, all of them busy from the same moment; fails with the first failure. */
    private static void concurrently(int count, int threads, Task task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            run(pool, count, task);
        }
    }

    private static void run(ExecutorService pool, int count, Task task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Callable<Void> call = () -> {
                start.await();
                return task.run(index);
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        for (Future<Void> future : futures) {
            future.get(2, TimeUnit.MINUTES);
        }
    }
}
