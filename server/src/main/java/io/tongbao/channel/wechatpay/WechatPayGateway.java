package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.tongbao.channel.NotifyUrls;
import io.tongbao.payment.spi.ChannelGateway;
import io.tongbao.payment.spi.ChannelRefundStatus;
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
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * WeChat Pay API v3 through the official {@code wechatpay-java}, with the app's own services. A call that got no
 * verified answer is {@code Unknown}: WeChat Pay may have acted.
 */
@Component
@ConditionalOnBooleanProperty(name = "tongbao.channels.enabled", matchIfMissing = true)
class WechatPayGateway implements ChannelGateway {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final WechatPayClients clients;
    private final NotifyUrls notifyUrls;

    WechatPayGateway(WechatPayClients clients, NotifyUrls notifyUrls) {
        this.clients = clients;
        this.notifyUrls = notifyUrls;
    }

    @Override
    public Channel channel() {
        return Channel.WECHATPAY;
    }

    @Override
    public PrepayResult prepay(PrepayCommand command) {
        WechatPayClients.Built built = clients.forApp(command.appId().value());
        String appid = built.account().channelAppIds().getFirst();
        String mchid = built.account().mchid();
        String notifyUrl = notifyUrls.of("wechatpay", command.appId().value());
        String expire = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                command.expiresAt().atZone(BEIJING).toOffsetDateTime());
        WechatPayOrder order = new WechatPayOrder(command, built, appid, mchid, notifyUrl, expire);
        try {
            return switch (command.payWay()) {
                case WECHAT_NATIVE -> NativePrepay.prepay(order);
                case WECHAT_JSAPI, WECHAT_MINI -> JsapiPrepay.prepay(order);
                case WECHAT_APP -> AppPrepay.prepay(order);
                case WECHAT_H5 -> H5Prepay.prepay(order);
                default -> throw new IllegalArgumentException(command.payWay() + " is not a WeChat Pay way");
            };
        } catch (ServiceException e) {
            return e.getHttpStatusCode() >= 500
                    ? new PrepayResult.Unknown(e.getErrorCode() + " " + e.getErrorMessage())
                    : new PrepayResult.Failed(e.getErrorCode(), e.getErrorMessage());
        } catch (WechatPayException | IllegalStateException e) {
            return new PrepayResult.Unknown("WeChat Pay gave no verified answer: " + e.getMessage());
        }
    }

    @Override
    public TradeStatus query(TradeRef trade) {
        WechatPayClients.Built built = clients.forApp(trade.appId().value());
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(built.account().mchid());
        request.setOutTradeNo(trade.outTradeNo().value());
        try {
            Transaction transaction = built.nativePay().queryOrderByOutTradeNo(request);
            return switch (transaction.getTradeState()) {
                case SUCCESS, REFUND -> new TradeStatus.Paid(paid(transaction));
                case NOTPAY, USERPAYING, ACCEPT -> new TradeStatus.NotPaid();
                case CLOSED, REVOKED, PAYERROR ->
                    new TradeStatus.Closed(transaction.getTradeState().name());
            };
        } catch (ServiceException e) {
            return "ORDER_NOT_EXIST".equals(e.getErrorCode()) || "ORDERNOTEXIST".equals(e.getErrorCode())
                    ? new TradeStatus.NotFound()
                    : new TradeStatus.Unknown(e.getErrorCode() + " " + e.getErrorMessage());
        } catch (WechatPayException | IllegalStateException e) {
            return new TradeStatus.Unknown("WeChat Pay gave no verified answer: " + e.getMessage());
        }
    }

    @Override
    public CloseResult close(TradeRef trade) {
        WechatPayClients.Built built = clients.forApp(trade.appId().value());
        CloseOrderRequest request = new CloseOrderRequest();
        request.setMchid(built.account().mchid());
        request.setOutTradeNo(trade.outTradeNo().value());
        try {
            built.nativePay().closeOrder(request);
            return new CloseResult.Closed();
        } catch (ServiceException e) {
            return switch (query(trade)) {
                case TradeStatus.Paid paid -> new CloseResult.AlreadyPaid(paid.trade());
                case TradeStatus.Closed closed -> new CloseResult.Closed();
                case TradeStatus.NotFound notFound -> new CloseResult.Closed();
                // WeChat Pay refuses to close an order younger than five minutes
                case TradeStatus.NotPaid notPaid ->
                    new CloseResult.NotYet(
                            Duration.ofMinutes(1),
                            "WeChat Pay refused to close: " + e.getErrorCode() + " " + e.getErrorMessage());
                case TradeStatus.Unknown unknown ->
                    new CloseResult.Unknown(e.getErrorCode() + " " + e.getErrorMessage());
            };
        } catch (WechatPayException | IllegalStateException e) {
            return new CloseResult.Unknown("WeChat Pay gave no verified answer: " + e.getMessage());
        }
    }

    @Override
    public RefundResult refund(RefundCommand command) {
        WechatPayClients.Built built = clients.forApp(command.appId().value());
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(command.outTradeNo().value());
        request.setOutRefundNo(command.outRefundNo().value());
        request.setReason(command.reason());
        request.setNotifyUrl(notifyUrls.of("wechatpay", command.appId().value()));
        AmountReq amount = new AmountReq();
        amount.setRefund(command.refundAmount().minor());
        amount.setTotal(command.totalAmount().minor());
        amount.setCurrency(command.totalAmount().currency().name());
        request.setAmount(amount);
        try {
            Refund refund = built.refunds().create(request);
            return switch (refund.getStatus()) {
                case SUCCESS -> new RefundResult.Succeeded(refund.getRefundId(), instant(refund.getSuccessTime()));
                case CLOSED, ABNORMAL ->
                    new RefundResult.Rejected(refund.getStatus().name(), "refund " + refund.getStatus());
                case PROCESSING -> new RefundResult.Accepted(refund.getRefundId());
            };
        } catch (ServiceException e) {
            return e.getHttpStatusCode() >= 500
                    ? new RefundResult.Unknown(e.getErrorCode() + " " + e.getErrorMessage())
                    : new RefundResult.Rejected(e.getErrorCode(), e.getErrorMessage());
        } catch (WechatPayException | IllegalStateException e) {
            return new RefundResult.Unknown("WeChat Pay gave no verified answer: " + e.getMessage());
        }
    }

    @Override
    public ChannelRefundStatus queryRefund(RefundRef ref) {
        WechatPayClients.Built built = clients.forApp(ref.appId().value());
        QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
        request.setOutRefundNo(ref.outRefundNo().value());
        try {
            Refund refund = built.refunds().queryByOutRefundNo(request);
            return switch (refund.getStatus()) {
                case SUCCESS ->
                    new ChannelRefundStatus.Succeeded(refund.getRefundId(), instant(refund.getSuccessTime()));
                case PROCESSING -> new ChannelRefundStatus.Processing();
                case CLOSED, ABNORMAL ->
                    new ChannelRefundStatus.Failed(refund.getStatus().name(), "refund " + refund.getStatus());
            };
        } catch (ServiceException e) {
            return "RESOURCE_NOT_EXISTS".equals(e.getErrorCode()) || "ORDER_NOT_EXIST".equals(e.getErrorCode())
                    ? new ChannelRefundStatus.NotFound()
                    : new ChannelRefundStatus.Unknown(e.getErrorCode() + " " + e.getErrorMessage());
        } catch (WechatPayException | IllegalStateException e) {
            return new ChannelRefundStatus.Unknown("WeChat Pay gave no verified answer: " + e.getMessage());
        }
    }

    static PaidTrade paid(Transaction transaction) {
        // the amount WeChat Pay reports is in the currency the trade was opened in: Tongbao's only one
        Money amount = Money.of(transaction.getAmount().getTotal(), Currency.CNY);
        return new PaidTrade(
                transaction.getTransactionId(),
                amount,
                instant(transaction.getSuccessTime()),
                false,
                transaction.getMchid());
    }

    static @Nullable Instant instant(@Nullable String rfc3339) {
        return rfc3339 == null || rfc3339.isBlank()
                ? null
                : OffsetDateTime.parse(rfc3339).toInstant();
    }
}
