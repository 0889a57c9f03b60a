package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Ids;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Statements in Alipay's layout: a zip of GBK CSV files (details and summary) for one day, behind a link that
 * works for 30 seconds of sandbox time.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayBills {

    static final Duration LINK_LIFETIME = Duration.ofSeconds(30);
    private static final Charset GBK = Charset.forName("GBK");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss");

    private record Link(AlipayApp app, LocalDate day, Instant expiresAt) {}

    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final AlipayTrades trades;
    private final SandboxClock clock;

    AlipayBills(AlipayTrades trades, SandboxClock clock) {
        this.trades = trades;
        this.clock = clock;
    }

    Map<String, Object> downloadUrl(AlipayCall call, String baseUrl) {
        String billType = call.biz().required("bill_type");
        if (!"trade".equals(billType) && !"signcustomer".equals(billType)) {
            throw AlipayError.invalid("isv.invalid-parameter", "bill_type 取值 trade 或 signcustomer: " + billType);
        }
        LocalDate day = parseDay(call.biz().required("bill_date"));
        LocalDate today = clock.instant().atZone(SandboxClock.CHINA).toLocalDate();
        if (!day.isBefore(today)) {
            throw AlipayError.business("isp.bill_not_exist", "账单不存在: 当天及以后的账单次日才生成");
        }
        String token = Ids.hex(16);
        links.put(token, new Link(call.app(), day, clock.instant().plus(LINK_LIFETIME)));
        Map<String, Object> reply = AlipayReplies.success();
        reply.put("bill_download_url", baseUrl + "/sandbox/alipay/bills/" + token + ".csv.zip");
        return reply;
    }

    /** @return the zip, or empty when the link is unknown or has expired */
    Optional<byte[]> download(String token) {
        Link link = links.get(token);
        if (link == null || !clock.instant().isBefore(link.expiresAt())) {
            links.remove(token);
            return Optional.empty();
        }
        return Optional.of(zip(link));
    }

    private byte[] zip(Link link) {
        String prefix = link.app().sellerId() + "0156_" + COMPACT.format(link.day());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, GBK)) {
            List<String[]> rows = rows(link);
            zip.putNextEntry(new ZipEntry(prefix + "_业务明细.csv"));
            zip.write(details(link, rows).getBytes(GBK));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(prefix + "_业务明细(汇总).csv"));
            zip.write(summary(link, rows).getBytes(GBK));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private List<String[]> rows(Link link) {
        List<String[]> rows = new ArrayList<>();
        for (AlipayTrade trade : trades.paidOrRefundedOn(link.app().appId(), link.day())) {
            AlipayTrade.Snapshot snapshot = trades.snapshot(trade);
            if (onDay(snapshot.paidAt(), link.day())) {
                rows.add(row(snapshot, "交易", snapshot.paidAt(), trade.totalFen(), ""));
            }
            for (AlipayRefund refund : snapshot.refunds()) {
                if (onDay(refund.refundedAt(), link.day())) {
                    rows.add(row(snapshot, "退款", refund.refundedAt(), -refund.amountFen(), refund.outRequestNo()));
                }
            }
        }
        return rows;
    }

    private static String[] row(AlipayTrade.Snapshot snapshot, String kind, Instant at, long fen, String requestNo) {
        AlipayTrade trade = snapshot.trade();
        String amount = fen < 0 ? "-" + Yuan.format(-fen) : Yuan.format(fen);
        return new String[] {
            trade.tradeNo(),
            trade.outTradeNo(),
            kind,
            trade.subject(),
            AlipayTime.format(trade.createdAt()),
            AlipayTime.format(at),
            "",
            "",
            "",
            "",
            String.valueOf(snapshot.buyerLogonId()),
            amount,
            amount,
            "0.00",
            "0.00",
            "0.00",
            "0.00",
            "0.00",
            "",
            "0.00",
            "0.00",
            requestNo,
            "0.00",
            "0.00",
            ""
        };
    }

    private String details(Link link, List<String[]> rows) {
        StringBuilder csv = header(link, "业务明细");
        csv.append("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
        for (String[] row : rows) {
            csv.append(String.join(",", row)).append("\r\n");
        }
        csv.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n");
        long paid = rows.stream().filter(r -> r[2].equals("交易")).count();
        long refunded = rows.size() - paid;
        csv.append("#交易合计：")
                .append(paid)
                .append("笔，商家实收：")
                .append(total(rows, "交易"))
                .append("元，商家优惠：0.00元\r\n");
        csv.append("#退款合计：")
                .append(refunded)
                .append("笔，商家实收：")
                .append(total(rows, "退款"))
                .append("元，商家优惠：0.00元\r\n");
        csv.append("#导出时间：[")
                .append(CHINESE_DAY.format(clock.instant().atZone(SandboxClock.CHINA)))
                .append("]\r\n");
        return csv.toString();
    }

    private String summary(Link link, List<String[]> rows) {
        StringBuilder csv = header(link, "业务汇总");
        csv.append("门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）\r\n");
        long paid = rows.stream().filter(r -> r[2].equals("交易")).count();
        csv.append(",,")
                .append(paid)
                .append(',')
                .append(rows.size() - paid)
                .append(',')
                .append(total(rows, null))
                .append(',')
                .append(total(rows, null))
                .append("\r\n");
        csv.append("#-----------------------------------------业务汇总列表结束------------------------------------\r\n");
        return csv.toString();
    }

    private static StringBuilder header(Link link, String title) {
        StringBuilder csv = new StringBuilder();
        csv.append("#支付宝").append(title).append("查询\r\n");
        csv.append("#账号：[").append(link.app().sellerId()).append("0156]\r\n");
        csv.append("#起始日期：[")
                .append(CHINESE_DAY.format(link.day().atStartOfDay()))
                .append("]   终止日期：[")
                .append(CHINESE_DAY.format(link.day().plusDays(1).atStartOfDay()))
                .append("]\r\n");
        csv.append("#-----------------------------------------")
                .append(title)
                .append("列表----------------------------------------\r\n");
        return csv;
    }

    private static String total(List<String[]> rows, String kind) {
        long fen = rows.stream()
                .filter(r -> kind == null || r[2].equals(kind))
                .mapToLong(r ->
                        r[11].startsWith("-") ? -Yuan.toFen("amount", r[11].substring(1)) : Yuan.toFen("amount", r[11]))
                .sum();
        return fen < 0 ? "-" + Yuan.format(-fen) : Yuan.format(fen);
    }

    private static boolean onDay(Instant instant, LocalDate day) {
        return instant != null
                && instant.atZone(SandboxClock.CHINA).toLocalDate().equals(day);
    }

    /** The sandbox keeps daily bills only; a monthly one (yyyy-MM) is refused rather than faked. */
    private static LocalDate parseDay(String billDate) {
        try {
            return LocalDate.parse(billDate);
        } catch (DateTimeParseException e) {
            throw AlipayError.invalid("isv.invalid-parameter", "沙箱只提供日账单, bill_date 格式应为 yyyy-MM-dd: " + billDate);
        }
    }
}
