package io.tongbao.payment;

import io.tongbao.payment.spi.ChannelGateway;
import io.tongbao.payment.spi.ChannelRefundStatus;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.payment.spi.CloseResult;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.PrepayCommand;
import io.tongbao.payment.spi.PrepayResult;
import io.tongbao.payment.spi.RefundCommand;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.RefundResult;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.payment.spi.TradeStatus;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A channel that lives in the test: it remembers trades and lets the test decide what the buyer did, so the payment
 * module's rules (exactly once, refunds never above the paid amount, surplus payments) are tested apart from the
 * protocols. The protocols themselves are tested end to end against the sandbox.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeChannelGateways {

    public static final Map<String, String> TRADES = new ConcurrentHashMap<>();
    public static final Set<String> CLOSE_NOT_YET = ConcurrentHashMap.newKeySet();
    public static final Map<String, Integer> REFUNDED = new ConcurrentHashMap<>();
    public static final AtomicInteger PREPAYS = new AtomicInteger();
    /** Subjects whose prepay opens the trade and then fails, as if the node stopped before recording the answer. */
    public static final Set<String> ANSWER_LOST = ConcurrentHashMap.newKeySet();

    @Bean
    ChannelGateway fakeAlipay() {
        return new Fake(Channel.ALIPAY);
    }

    @Bean
    ChannelGateway fakeWechatPay() {
        return new Fake(Channel.WECHATPAY);
    }

    /** What the buyer did: the trade is now paid at the channel. */
    public static void buyerPays(String outTradeNo) {
        TRADES.put(outTradeNo, "PAID");
    }

    static PaidTrade paid(OutTradeNo outTradeNo, Money amount) {
        return new PaidTrade("txn-" + outTradeNo, amount, Instant.now(), false, null);
    }

    static final class Fake implements ChannelGateway {
        private final Channel channel;
        private final Map<OutTradeNo, Money> amounts = new ConcurrentHashMap<>();

        Fake(Channel channel) {
            this.channel = channel;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public PrepayResult prepay(PrepayCommand command) {
            PREPAYS.incrementAndGet();
            amounts.put(command.outTradeNo(), command.amount());
            TRADES.put(command.outTradeNo().value(), "OPEN");
            if (ANSWER_LOST.contains(command.subject())) {
                throw new IllegalStateException("the node stopped before it recorded the channel's answer");
            }
            return new PrepayResult.AwaitingBuyer(
                    new ClientAction(ClientAction.Type.QR_CODE, Map.of("content", "fake://" + command.outTradeNo())));
        }

        @Override
        public TradeStatus query(TradeRef trade) {
            return switch (TRADES.getOrDefault(trade.outTradeNo().value(), "NONE")) {
                case "PAID" -> new TradeStatus.Paid(paid(trade.outTradeNo(), amounts.get(trade.outTradeNo())));
                case "CLOSED" -> new TradeStatus.Closed("closed");
                case "OPEN" -> new TradeStatus.NotPaid();
                default -> new TradeStatus.NotFound();
            };
        }

        @Override
        public CloseResult close(TradeRef trade) {
            if ("PAID".equals(TRADES.get(trade.outTradeNo().value()))) {
                return new CloseResult.AlreadyPaid(paid(trade.outTradeNo(), amounts.get(trade.outTradeNo())));
            }
            if (CLOSE_NOT_YET.contains(trade.outTradeNo().value())) {
                return new CloseResult.NotYet(Duration.ofMinutes(5), "created less than 5 minutes ago");
            }
            TRADES.put(trade.outTradeNo().value(), "CLOSED");
            return new CloseResult.Closed();
        }

        @Override
        public RefundResult refund(RefundCommand command) {
            REFUNDED.merge(
                    command.outTradeNo().value(),
                    Math.toIntExact(command.refundAmount().minor()),
                    Integer::sum);
            return new RefundResult.Accepted("rf-" + command.outRefundNo());
        }

        @Override
        public ChannelRefundStatus queryRefund(RefundRef refund) {
            return new ChannelRefundStatus.Succeeded("rf-" + refund.outRefundNo(), Instant.now());
        }
    }
}
