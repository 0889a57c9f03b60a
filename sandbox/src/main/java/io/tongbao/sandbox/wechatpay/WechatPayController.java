package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.fault.FaultKind;
import io.tongbao.sandbox.fault.FaultRegistry;
import io.tongbao.sandbox.support.BaseUrl;
import io.tongbao.sandbox.support.SandboxJson;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat Pay API v3 under {@code /sandbox/wechatpay/v3/…}: every call authenticated, every answer signed. Bodies are
 * taken as bytes so that the signature is checked over exactly what the client sent.
 */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatPayController {

    private static final String V3 = WechatAuthenticator.MOUNT + "/v3";

    private final WechatAuthenticator authenticator;
    private final WechatReplies replies;
    private final WechatTransactions transactions;
    private final WechatBills bills;
    private final FaultRegistry faults;
    private final BaseUrl baseUrl;

    WechatPayController(
            WechatAuthenticator authenticator,
            WechatReplies replies,
            WechatTransactions transactions,
            WechatBills bills,
            FaultRegistry faults,
            BaseUrl baseUrl) {
        this.authenticator = authenticator;
        this.replies = replies;
        this.transactions = transactions;
        this.bills = bills;
        this.faults = faults;
        this.baseUrl = baseUrl;
    }

    @PostMapping(V3 + "/pay/transactions/{endpoint}")
    ResponseEntity<String> prepay(
            @PathVariable String endpoint, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return call(request, body, null, (merchant, json) -> {
            WechatRequest fields = WechatRequest.parse(json);
            TradeType tradeType = TradeType.ofEndpoint(endpoint);
            if (!merchant.mchid().equals(fields.required("mchid"))) {
                throw WechatError.param("mchid 与请求签名的商户号不一致");
            }
            String openid = tradeType == TradeType.JSAPI ? fields.requiredIn("payer", "openid") : null;
            WechatTransaction order = transactions.prepay(new WechatTransactions.Prepay(
                    merchant,
                    tradeType,
                    fields.required("appid"),
                    fields.required("out_trade_no"),
                    fields.required("description"),
                    fields.amountTotal(),
                    fields.httpUrl("notify_url"),
                    fields.optional("attach"),
                    openid,
                    fields.optional("time_expire"),
                    json));
            String cashier = baseUrl.of(request) + "/sandbox/cashier/wechatpay/" + order.prepayId();
            return switch (tradeType) {
                case NATIVE -> Map.of("code_url", cashier);
                case MWEB -> Map.of("h5_url", cashier);
                case JSAPI, APP -> Map.of("prepay_id", order.prepayId());
            };
        });
    }

    @GetMapping(V3 + "/pay/transactions/out-trade-no/{outTradeNo}")
    ResponseEntity<String> queryByOutTradeNo(
            @PathVariable String outTradeNo, @RequestParam(required = false) String mchid, HttpServletRequest request) {
        return call(request, null, outTradeNo, (merchant, json) -> {
            requireSameMerchant(merchant, mchid);
            return WechatViews.transaction(transactions.snapshot(transactions.byOutTradeNo(merchant, outTradeNo)));
        });
    }

    @GetMapping(V3 + "/pay/transactions/id/{transactionId}")
    ResponseEntity<String> queryById(
            @PathVariable String transactionId,
            @RequestParam(required = false) String mchid,
            HttpServletRequest request) {
        return call(request, null, null, (merchant, json) -> {
            requireSameMerchant(merchant, mchid);
            return WechatViews.transaction(
                    transactions.snapshot(transactions.byTransactionId(merchant, transactionId)));
        });
    }

    @PostMapping(V3 + "/pay/transactions/out-trade-no/{outTradeNo}/close")
    ResponseEntity<String> close(
            @PathVariable String outTradeNo, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return call(request, body, outTradeNo, (merchant, json) -> {
            requireSameMerchant(merchant, WechatRequest.parse(json).required("mchid"));
            transactions.close(transactions.byOutTradeNo(merchant, outTradeNo));
            return null;
        });
    }

    @PostMapping(V3 + "/refund/domestic/refunds")
    ResponseEntity<String> refund(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return call(request, body, null, (merchant, json) -> {
            WechatRequest fields = WechatRequest.parse(json);
            String transactionId = fields.optional("transaction_id");
            WechatTransaction order = transactionId != null
                    ? transactions.byTransactionId(merchant, transactionId)
                    : transactions.byOutTradeNo(merchant, fields.required("out_trade_no"));
            WechatRefund refund = transactions.refund(
                    order,
                    fields.required("out_refund_no"),
                    fields.longIn("amount", "refund"),
                    fields.longIn("amount", "total"),
                    fields.optional("reason"),
                    fields.optional("notify_url"));
            return WechatViews.refund(order, refund);
        });
    }

    @GetMapping(V3 + "/refund/domestic/refunds/{outRefundNo}")
    ResponseEntity<String> refundQuery(@PathVariable String outRefundNo, HttpServletRequest request) {
        return call(request, null, null, (merchant, json) -> {
            WechatTransactions.Found found = transactions.refundOf(merchant, outRefundNo);
            return WechatViews.refund(found.order(), found.refund());
        });
    }

    @GetMapping(V3 + "/bill/tradebill")
    ResponseEntity<String> tradeBill(
            @RequestParam(name = "bill_date", required = false) String billDate,
            @RequestParam(name = "bill_type", required = false) String billType,
            HttpServletRequest request) {
        return call(
                request,
                null,
                null,
                (merchant, json) ->
                        bills.tradeBill(merchant, billDate, billType, baseUrl.of(request) + WechatAuthenticator.MOUNT));
    }

    /** The statement itself is plain text and, as at WeChat Pay, not signed: the client checks its SHA1 instead. */
    @GetMapping(V3 + "/billdownload/file")
    ResponseEntity<String> downloadBill(@RequestParam(required = false) String token, HttpServletRequest request) {
        WechatMerchant merchant = null;
        try {
            merchant = authenticator.authenticate(request, "");
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .body(bills.download(merchant, token));
        } catch (WechatError error) {
            return replies.error(request, merchant, error);
        }
    }

    /** Platform certificates, each encrypted with the merchant's APIv3 key, for platform-certificate mode. */
    @GetMapping(V3 + "/certificates")
    ResponseEntity<String> certificates(HttpServletRequest request) {
        return call(request, null, null, (merchant, json) -> WechatCertificates.list(merchant));
    }

    private interface Handler {
        Object handle(WechatMerchant merchant, String body);
    }

    /** Authenticates, applies API faults, runs the handler, and signs whatever comes out (204 for no body). */
    private ResponseEntity<String> call(HttpServletRequest request, byte[] body, String outTradeNo, Handler handler) {
        String json = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        WechatMerchant merchant = null;
        try {
            merchant = authenticator.authenticate(request, json);
            Optional<ResponseEntity<String>> faulted = injectFault(merchant, outTradeNo, json);
            if (faulted.isPresent()) {
                return faulted.get();
            }
            Object result = handler.handle(merchant, json);
            return result == null ? replies.noContent(request, merchant) : replies.ok(request, merchant, result);
        } catch (WechatError error) {
            return replies.error(request, merchant, error);
        }
    }

    private Optional<ResponseEntity<String>> injectFault(WechatMerchant merchant, String outTradeNo, String json) {
        String mchid = merchant.mchid();
        String orderNo = outTradeNo != null ? outTradeNo : outTradeNoIn(json);
        if (faults.take(FaultKind.API_HTTP_5XX, mchid, orderNo).isPresent()) {
            return Optional.of(ResponseEntity.status(HttpStatus.BAD_GATEWAY).body("Bad Gateway"));
        }
        Optional<Duration> hang =
                faults.take(FaultKind.API_TIMEOUT, mchid, orderNo).map(rule -> rule.delay());
        if (hang.isPresent()) {
            sleep(hang.get());
        }
        if (faults.take(FaultKind.API_SYSTEM_ERROR, mchid, orderNo).isPresent()) {
            throw new WechatError(HttpStatus.INTERNAL_SERVER_ERROR, "SYSTEM_ERROR", "系统错误");
        }
        return Optional.empty();
    }

    /** The fault exists to make the client's read timeout fire: holding this request thread is the point. */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String outTradeNoIn(String json) {
        if (json.isBlank()) {
            return null;
        }
        try {
            Object value = SandboxJson.readObject(json).get("out_trade_no");
            return value == null ? null : value.toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void requireSameMerchant(WechatMerchant merchant, String mchid) {
        if (mchid == null || !mchid.equals(merchant.mchid())) {
            throw WechatError.param("mchid 缺失或与请求签名的商户号不一致");
        }
    }
}
