package io.tongbao.payment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.tongbao.merchant.FeeRates;
import io.tongbao.payment.PaymentSettlement.SurplusPolicy;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.MerchantCaller;
import io.tongbao.support.MutableClock;
import io.tongbao.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment module alone, wired by hand on a database of its own (real PostgreSQL, the payment migrations only),
 * with a clock that moves only when the test moves it and the channels faked ({@link FakeChannelGateways}). What it
 * needs from other modules (an app's channel accounts, its fee rates) is answered from this fixture's own maps. For
 * the module's rules without HTTP and without a Spring context; the janitor runs when the test calls it.
 */
final class PaymentFixture implements AutoCloseable {

    static final Duration STALE_CREATING_AFTER = Duration.ofMinutes(1);

    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    /** Every change the module recorded in the audit trail, in order. */
    final List<AuditChange> audited = new CopyOnWriteArrayList<>();
    /** Every event the module published, in order. */
    final List<Object> events = new CopyOnWriteArrayList<>();
    /** The channels each app has an account with: what the channel module answers through ChannelAccountCheck. */
    final Map<String, Set<Channel>> channelAccounts = new ConcurrentHashMap<>();
    /** Each app's fee rates, in parts per million. */
    final Map<String, Map<PayWay, Integer>> feeRates = new ConcurrentHashMap<>();

    final UnifiedOrders orders;
    final Payments payments;
    final Refunds refunds;
    /** Also what the channel adapters report to ({@code ChannelNotifications}). */
    final PaymentSettlement settlement;

    final PaymentJanitor janitor;
    final PaymentExceptions exceptions;
    final PaymentQueries queries;
    /** With the default approval threshold, ¥1,000.00. */
    final OperatorRefunds operatorRefunds;

    private PaymentFixture(SurplusPolicy surplusPolicy) {
        dataSource = TestDatabase.freshDataSource(16, "classpath:db/migration/payment");
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        // as the application's: the stored client actions and metadata are written and read back with it
        JsonMapper json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();

        PaymentStore store = transactional(new PaymentStore(jdbc), transactionManager);
        RefundStore refundStore = new RefundStore(jdbc);
        PaymentExceptions exceptions =
                transactional(new PaymentExceptions(jdbc, store, refundStore, audited::add, clock), transactionManager);
        PaymentViews views = new PaymentViews(store, json);
        Gateways gateways = new Gateways(
                List.of(new FakeChannelGateways.Fake(Channel.ALIPAY), new FakeChannelGateways.Fake(Channel.WECHATPAY)));
        settlement = transactional(
                new PaymentSettlement(store, refundStore, exceptions, events::add, clock, surplusPolicy),
                transactionManager);
        orders = new UnifiedOrders(
                store,
                settlement,
                views,
                gateways,
                (appId, payWay) -> hasAccount(appId, payWay.channel()),
                feeRates(),
                clock);
        payments = new Payments(store, views, settlement, gateways);
        refunds = new Refunds(
                store,
                refundStore,
                settlement,
                gateways,
                new TransactionTemplate(transactionManager),
                audited::add,
                clock);
        this.exceptions = exceptions;
        queries = new PaymentQueries(new ConsoleReadStore(jdbc));
        operatorRefunds = new OperatorRefunds(
                refunds,
                store,
                new RefundApprovalStore(jdbc),
                new RefundApprovalProperties(100_000),
                new TransactionTemplate(transactionManager),
                audited::add,
                clock);
        janitor = new PaymentJanitor(store, refundStore, settlement, refunds, gateways, clock, STALE_CREATING_AFTER);
    }

    static PaymentFixture start() {
        return new PaymentFixture(SurplusPolicy.REFUND);
    }

    /** With money paid after the close or twice held for the operator, or refunded at once. */
    static PaymentFixture start(SurplusPolicy surplusPolicy) {
        return new PaymentFixture(surplusPolicy);
    }

    /** A new merchant with one app that has an account with both channels and no fee rates. */
    MerchantCaller newMerchant() {
        MerchantCaller caller = new MerchantCaller(Ids.next("mch"), Ids.next("app"));
        channelAccounts.put(caller.appId(), Set.of(Channel.ALIPAY, Channel.WECHATPAY));
        return caller;
    }

    /** How many events of that type the module published about the payment. */
    long eventsAbout(String paymentId, Class<?> type) {
        return events.stream()
                .filter(type::isInstance)
                .filter(event -> switch (event) {
                    case PaymentEvents.PaymentSucceeded succeeded ->
                        succeeded.paymentId().equals(paymentId);
                    case PaymentEvents.PaymentClosed closed ->
                        closed.paymentId().equals(paymentId);
                    case PaymentEvents.PaymentExceptionRaised raised ->
                        raised.paymentId().equals(paymentId);
                    case PaymentEvents.RefundSucceeded succeeded ->
                        succeeded.paymentId().equals(paymentId);
                    case PaymentEvents.RefundFailed failed -> failed.paymentId().equals(paymentId);
                    default -> false;
                })
                .count();
    }

    private boolean hasAccount(String appId, Channel channel) {
        return channelAccounts.getOrDefault(appId, Set.of()).contains(channel);
    }

    private FeeRates feeRates() {
        FeeRates rates = mock(FeeRates.class);
        when(rates.ratePpm(anyString(), any(PayWay.class))).thenAnswer(call -> {
            Integer ppm =
                    feeRates.getOrDefault(call.<String>getArgument(0), Map.of()).get(call.<PayWay>getArgument(1));
            return ppm == null ? OptionalInt.empty() : OptionalInt.of(ppm);
        });
        return rates;
    }

    /** What Spring's proxy gives the application: each {@code @Transactional} method in its transaction. */
    @SuppressWarnings("unchecked")
    private static <T> T transactional(T target, PlatformTransactionManager transactionManager) {
        ProxyFactory proxy = new ProxyFactory(target);
        proxy.setProxyTargetClass(true);
        // false: package-private methods too, as Spring Boot's class-based proxies have it
        proxy.addAdvice(
                new TransactionInterceptor(transactionManager, new AnnotationTransactionAttributeSource(false)));
        return (T) proxy.getProxy();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
