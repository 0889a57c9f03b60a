package io.tongbao.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayResponse;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeCreateRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeCreateResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.tongbao.channel.NotifyUrls;
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
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Alipay through the official {@code alipay-sdk-java} ({@code gateway.do}), with the app's own client. Results are
 * normalized; a transport failure is {@code Unknown}, since Alipay may have acted.
 */
@Component
@ConditionalOnBooleanProperty(name = "tongbao.channels.enabled", matchIfMissing = true)
class AlipayGateway implements ChannelGateway {

    static final String SUCCESS = "10000";
    static final String PROCESSING = "10003";
    static final String BUSINESS_FAILURE = "40004";

    private final AlipayClients clients;
    private final NotifyUrls notifyUrls;
    private final ObjectMapper json;

    AlipayGateway(AlipayClients clients, NotifyUrls notifyUrls, ObjectMapper json) {
        this.clients = clients;
        this.notifyUrls = notifyUrls;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.ALIPAY;
    }

    @Override
    public PrepayResult prepay(PrepayCommand command) {
        AlipayClients.Built built = clients.forApp(command.appId().value());
        String notifyUrl = notifyUrls.of("alipay", command.appId().value());
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", command.outTradeNo().value());
        biz.put("total_amount", command.amount().toDecimal());
        biz.put("subject", command.subject());
        if (command.description() != null) {
            biz.put("body", command.description());
        }
        biz.put("time_expire", AlipayAmounts.time(command.expiresAt()));
        try {
            return switch (command.payWay()) {
                case ALIPAY_PC -> pagePay(command, built, notifyUrl, biz);
                case ALIPAY_WAP -> wapPay(command, built, notifyUrl, biz);
                case ALIPAY_APP -> appPay(built, notifyUrl, biz);
                case ALIPAY_QR -> precreate(built, notifyUrl, biz);
                case ALIPAY_JSAPI -> create(command, built, notifyUrl, biz);
                case ALIPAY_BARCODE -> barcodePay(command, built, notifyUrl, biz);
                default -> throw new IllegalArgumentException(command.payWay() + " is not an Alipay way");
            };
        } catch (AlipayApiException e) {
            return new PrepayResult.Unknown("Alipay did not answer: " + e.getErrMsg());
        }
    }

    private PrepayResult pagePay(
            PrepayCommand command, AlipayClients.Built built, String notifyUrl, Map<String, Object> biz)
            throws AlipayApiException {
        biz.put("product_code", "FAST_INSTANT_TRADE_PAY");
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setNotifyUrl(notifyUrl);
        request.setReturnUrl(command.returnUrl());
        request.setBizContent(json.writeValueAsString(biz));
        String form = built.client().pageExecute(request, "POST").getBody();
        return new PrepayResult.AwaitingBuyer(new ClientAction(ClientAction.Type.REDIRECT_FORM, Map.of("html", form)));
    }

    private PrepayResult wapPay(
            PrepayCommand command, AlipayClients.Built built, String notifyUrl, Map<String, Object> biz)
            throws AlipayApiException {
        biz.put("product_code", "QUICK_WAP_WAY");
        if (command.returnUrl() != null) {
            biz.put("quit_url", command.returnUrl());
        }
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setNotifyUrl(notifyUrl);
        request.setReturnUrl(command.returnUrl());
        request.setBizContent(json.writeValueAsString(biz));
        String url = built.client().pageExecute(request, "GET").getBody();
        return new PrepayResult.AwaitingBuyer(new ClientAction(ClientAction.Type.REDIRECT_URL, Map.of("url", url)));
    }

    private PrepayResult appPay(AlipayClients.Built built, String notifyUrl, Map<String, Object> biz)
            throws AlipayApiException {
        biz.put("product_code", "QUICK_MSECURITY_PAY");
        AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
        request.setNotifyUrl(notifyUrl);
        request.setBizContent(json.writeValueAsString(biz));
        String orderString = built.client().sdkExecute(request).getBody();
        return new PrepayResult.AwaitingBuyer(
                new ClientAction(ClientAction.Type.APP_ORDER_STRING, Map.of("order_string", orderString)));
    }

    private PrepayResult precreate(AlipayClients.Built built, String notifyUrl, Map<String, Object> biz)
            throws AlipayApiException {
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setNotifyUrl(notifyUrl);
        request.setBizContent(json.writeValueAsString(biz));
        AlipayTradePrecreateResponse response = built.client().execute(request);
        return ok(response)
                ? new PrepayResult.AwaitingBuyer(
                        new ClientAction(ClientAction.Type.QR_CODE, Map.of("content", response.getQrCode())))
                : refused(response);
    }

    private PrepayResult create(
            PrepayCommand command, AlipayClients.Built built, String notifyUrl, Map<String, Object> biz)
            throws AlipayApiException {
        biz.put("buyer_id", command.buyer().buyerId());
        biz.put("product_code", "JSAPI_PAY");
        AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
        request.setNotifyUrl(notifyUrl);
        request.setBizContent(json.writeValueAsString(biz));
        AlipayTradeCreateResponse response = built.client().execute(request);
        return ok(response)
                ? new PrepayResult.AwaitingBuyer(
                        new ClientAction(ClientAction.Type.JSAPI_PARAMS, Map.of("trade_no", response.getTradeNo())))
                : refused(response);
    }

    private PrepayResult barcodePay(
            PrepayCommand command, AlipayClients.Built built, String notifyUrl, Map<String, Object> biz)
            throws AlipayApiException {
        biz.put("scene", "bar_code");
        biz.put("auth_code", command.buyer().authCode());
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setNotifyUrl(notifyUrl);
        request.setBizContent(json.writeValueAsString(biz));
        AlipayTradePayResponse response = built.client().execute(request);
        if (ok(response)) {
            return new PrepayResult.Paid(new PaidTrade(
                    response.getTradeNo(),
                    AlipayAmounts.money(response.getTotalAmount()),
                    response.getGmtPayment() == null
                            ? null
                            : response.getGmtPayment().toInstant(),
                    false,
                    built.account().channelAppId()));
        }
        if (PROCESSING.equals(response.getCode())) {
            return new PrepayResult.Processing("waiting for the buyer to confirm");
        }
        return BUSINESS_FAILURE.equals(response.getCode())
                ? refused(response)
                : new PrepayResult.Unknown(response.getCode() + " " + response.getSubCode());
    }

    @Override
    public TradeStatus query(TradeRef trade) {
        AlipayClients.Built built = clients.forApp(trade.appId().value());
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent(json.writeValueAsString(
                Map.of("out_trade_no", trade.outTradeNo().value())));
        try {
            AlipayTradeQueryResponse response = built.client().execute(request);
            if (!ok(response)) {
                return "ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())
                        ? new TradeStatus.NotFound()
                        : new TradeStatus.Unknown(response.getCode() + " " + response.getSubCode());
            }
            return switch (String.valueOf(response.getTradeStatus())) {
                case "TRADE_SUCCESS", "TRADE_FINISHED" ->
                    new TradeStatus.Paid(new PaidTrade(
                            response.getTradeNo(),
                            AlipayAmounts.money(response.getTotalAmount()),
                            response.getSendPayDate() == null
                                    ? null
                                    : response.getSendPayDate().toInstant(),
                            "TRADE_FINISHED".equals(response.getTradeStatus()),
                            built.account().channelAppId()));
                case "TRADE_CLOSED" -> new TradeStatus.Closed("TRADE_CLOSED");
                case "WAIT_BUYER_PAY" -> new TradeStatus.NotPaid();
                default -> new TradeStatus.Unknown("trade_status " + response.getTradeStatus());
            };
        } catch (AlipayApiException e) {
            return new TradeStatus.Unknown("Alipay did not answer: " + e.getErrMsg());
        }
    }

    /** Barcode trades are cancelled (Alipay's rule for an uncertain face-to-face payment); others closed. */
    @Override
    public CloseResult close(TradeRef trade) {
        AlipayClients.Built built = clients.forApp(trade.appId().value());
        String biz = json.writeValueAsString(
                Map.of("out_trade_no", trade.outTradeNo().value()));
        try {
            if (trade.payWay() == PayWay.ALIPAY_BARCODE) {
                AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
                request.setBizContent(biz);
                AlipayTradeCancelResponse response = built.client().execute(request);
                if (ok(response)) {
                    // "refund" means Alipay cancelled a payment that had gone through: the money goes back
                    return new CloseResult.Closed();
                }
                return "Y".equals(response.getRetryFlag())
                        ? new CloseResult.NotYet(Duration.ofSeconds(5), response.getSubMsg())
                        : afterRefusedClose(trade, response);
            }
            AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
            request.setBizContent(biz);
            AlipayTradeCloseResponse response = built.client().execute(request);
            if (ok(response) || "ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())) {
                // not existing: a precreated QR nobody scanned, which Alipay cannot close. A buyer may still scan and
                // pay it; that success after the local close is recorded and refunded (PAID_AFTER_CLOSE)
                return new CloseResult.Closed();
            }
            return afterRefusedClose(trade, response);
        } catch (AlipayApiException e) {
            return new CloseResult.Unknown("Alipay did not answer: " + e.getErrMsg());
        }
    }

    private CloseResult afterRefusedClose(TradeRef trade, AlipayResponse response) {
        return switch (query(trade)) {
            case TradeStatus.Paid paid -> new CloseResult.AlreadyPaid(paid.trade());
            case TradeStatus.Closed closed -> new CloseResult.Closed();
            default -> new CloseResult.Unknown("close refused: " + response.getSubCode() + " " + response.getSubMsg());
        };
    }

    @Override
    public RefundResult refund(RefundCommand command) {
        AlipayClients.Built built = clients.forApp(command.appId().value());
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", command.outTradeNo().value());
        biz.put("refund_amount", command.refundAmount().toDecimal());
        biz.put("out_request_no", command.outRefundNo().value());
        if (command.reason() != null) {
            biz.put("refund_reason", command.reason());
        }
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent(json.writeValueAsString(biz));
        try {
            AlipayTradeRefundResponse response = built.client().execute(request);
            if (ok(response)) {
                // accepted is not success: the refund query or notification confirms
                return new RefundResult.Accepted(response.getTradeNo());
            }
            return BUSINESS_FAILURE.equals(response.getCode())
                    ? new RefundResult.Rejected(response.getSubCode(), response.getSubMsg())
                    : new RefundResult.Unknown(response.getCode() + " " + response.getSubCode());
        } catch (AlipayApiException e) {
            return new RefundResult.Unknown("Alipay did not answer: " + e.getErrMsg());
        }
    }

    @Override
    public ChannelRefundStatus queryRefund(RefundRef refund) {
        AlipayClients.Built built = clients.forApp(refund.appId().value());
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizContent(json.writeValueAsString(Map.of(
                "out_trade_no",
                refund.outTradeNo().value(),
                "out_request_no",
                refund.outRefundNo().value())));
        try {
            AlipayTradeFastpayRefundQueryResponse response = built.client().execute(request);
            if (!ok(response)) {
                return "ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())
                        ? new ChannelRefundStatus.NotFound()
                        : new ChannelRefundStatus.Unknown(response.getCode() + " " + response.getSubCode());
            }
            if ("REFUND_SUCCESS".equals(response.getRefundStatus())) {
                return new ChannelRefundStatus.Succeeded(
                        response.getOutRequestNo(),
                        response.getGmtRefundPay() == null
                                ? null
                                : response.getGmtRefundPay().toInstant());
            }
            // an empty answer means Alipay has no such refund (yet)
            return response.getOutRequestNo() == null
                    ? new ChannelRefundStatus.NotFound()
                    : new ChannelRefundStatus.Processing();
        } catch (AlipayApiException e) {
            return new ChannelRefundStatus.Unknown("Alipay did not answer: " + e.getErrMsg());
        }
    }

    private static boolean ok(AlipayResponse response) {
        return SUCCESS.equals(response.getCode())
                && (response.getSubCode() == null || response.getSubCode().isEmpty());
    }

    private static PrepayResult refused(AlipayResponse response) {
        return new PrepayResult.Failed(
                response.getSubCode() == null ? response.getCode() : response.getSubCode(),
                response.getSubMsg() == null ? response.getMsg() : response.getSubMsg());
    }
}
