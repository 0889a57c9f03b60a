package io.tongbao.sandbox.wechatpay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Ids;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Trade bills in WeChat Pay's layout (every field prefixed with a backtick, a summary after the rows), offered by
 * a download link that lives 30 seconds of sandbox time, with the SHA1 the client checks after downloading.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class WechatBills {

    static final Duration LINK_LIFETIME = Duration.ofSeconds(30);
    /** Under the API base the merchant was given, so that a client follows it as it is and signs what it sends. */
    static final String DOWNLOAD_PATH = "/v3/billdownload/file?token=";

    private static final DateTimeFormatter ROW_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SandboxClock.CHINA);
    private static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
            + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";

    private record Link(String mchid, String content, Instant expiresAt) {}

    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final WechatTransactions transactions;
    private final SandboxClock clock;

    WechatBills(WechatTransactions transactions, SandboxClock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    Map<String, Object> tradeBill(WechatMerchant merchant, String billDate, String billType, String apiBaseUrl) {
        if (billDate == null) {
            throw WechatError.param("缺少 bill_date");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(billDate);
        } catch (DateTimeParseException e) {
            throw WechatError.param("bill_date 格式应为 yyyy-MM-dd: " + billDate);
        }
        String type = billType == null ? "ALL" : billType;
        if (!List.of("ALL", "SUCCESS", "REFUND").contains(type)) {
            throw WechatError.param("bill_type 取值 ALL、SUCCESS 或 REFUND: " + billType);
        }
        if (!day.isBefore(transactions.today())) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "NO_STATEMENT_EXIST", "账单次日生成，当天及以后的账单不存在");
        }
        List<String> rows = rows(merchant, day, type);
        if (rows.isEmpty()) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "NO_STATEMENT_EXIST", "当日无交易，账单不存在");
        }
        String content = content(rows);
        String token = Ids.hex(16);
        links.put(token, new Link(merchant.mchid(), content, clock.instant().plus(LINK_LIFETIME)));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("hash_type", "SHA1");
        reply.put("hash_value", sha1(content));
        reply.put("download_url", apiBaseUrl + DOWNLOAD_PATH + token);
        return reply;
    }

    String download(WechatMerchant merchant, String token) {
        Link link = token == null ? null : links.get(token);
        if (link == null
                || !link.mchid().equals(merchant.mchid())
                || !clock.instant().isBefore(link.expiresAt())) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "下载链接无效或已过期");
        }
        return link.content();
    }

    private List<String> rows(WechatMerchant merchant, LocalDate day, String type) {
        List<String> rows = new ArrayList<>();
        for (WechatTransaction.Snapshot snapshot : transactions.of(merchant)) {
            WechatTransaction order = snapshot.transaction();
            if (!"REFUND".equals(type) && snapshot.paid() && onDay(snapshot.successTime(), day)) {
                rows.add(row(order, snapshot, snapshot.successTime(), "SUCCESS", null));
            }
            if (!"SUCCESS".equals(type)) {
                for (WechatRefund refund : snapshot.refunds()) {
                    if (refund.successTime() != null && onDay(refund.successTime(), day)) {
                        rows.add(row(order, snapshot, refund.successTime(), "REFUND", refund));
                    }
                }
            }
        }
        return rows;
    }

    private static String row(
            WechatTransaction order,
            WechatTransaction.Snapshot snapshot,
            Instant at,
            String state,
            WechatRefund refund) {
        String paid = yuan(order.totalFen());
        List<String> fields = List.of(
                ROW_TIME.format(at),
                order.appid(),
                order.merchant().mchid(),
                "0",
                "",
                order.transactionId(),
                order.outTradeNo(),
                snapshot.payerOpenid(),
                order.tradeType().name(),
                state,
                "OTHERS",
                "CNY",
                refund == null ? paid : "0.00",
                "0.00",
                refund == null ? "0" : refund.refundId(),
                refund == null ? "0" : refund.outRefundNo(),
                refund == null ? "0.00" : yuan(refund.refundFen()),
                "0.00",
                refund == null ? "" : "ORIGINAL",
                refund == null ? "" : "SUCCESS",
                order.description(),
                order.attach() == null ? "" : order.attach(),
                "0.00000",
                "0.00%",
                paid,
                refund == null ? "0.00" : yuan(refund.refundFen()),
                "");
        return "`" + String.join(",`", fields);
    }

    private static String content(List<String> rows) {
        long settled = 0;
        long refunded = 0;
        for (String row : rows) {
            String[] fields = row.split(",`", -1);
            settled += fen(fields[12]);
            refunded += fen(fields[16]);
        }
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        rows.forEach(row -> csv.append(row).append("\r\n"));
        csv.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
        csv.append('`')
                .append(rows.size())
                .append(",`")
                .append(yuan(settled))
                .append(",`")
                .append(yuan(refunded))
                .append(",`0.00,`0.00000,`")
                .append(yuan(settled))
                .append(",`")
                .append(yuan(refunded))
                .append("\r\n");
        return csv.toString();
    }

    private static boolean onDay(Instant instant, LocalDate day) {
        return instant.atZone(SandboxClock.CHINA).toLocalDate().equals(day);
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static long fen(String yuan) {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    private static String sha1(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
