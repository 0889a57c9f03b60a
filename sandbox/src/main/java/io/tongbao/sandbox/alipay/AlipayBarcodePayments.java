package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.SandboxScheduler;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Face-to-face (barcode) payments: the buyer's auth code decides how the simulated buyer behaves. */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayBarcodePayments {

    private final AlipayTrades trades;
    private final SandboxScheduler scheduler;
    private final SandboxProperties properties;

    AlipayBarcodePayments(AlipayTrades trades, SandboxScheduler scheduler, SandboxProperties properties) {
        this.trades = trades;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /**
     * Barcode payment. The last digits of the buyer's auth code decide the outcome, so a test can ask for each one
     * (see docs/sandbox.md): paid at once, waiting for the buyer's password, insufficient balance, expired code.
     */
    BarcodeResult pay(AlipayTrades.Order order) {
        String authCode = order.biz().required("auth_code");
        BarcodeScenario scenario = BarcodeScenario.of(authCode);
        if (scenario == BarcodeScenario.INVALID) {
            throw AlipayError.business("ACQ.PAYMENT_AUTH_CODE_INVALID", "支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款");
        }
        AlipayTrade trade = trades.open(order);
        return switch (scenario) {
            case PAID ->
                new BarcodeResult(
                        trades.pay(trade, AlipayTrades.DEFAULT_BUYER_ID, AlipayTrades.DEFAULT_BUYER_LOGON_ID), false);
            case PASSWORD -> {
                scheduler.after(properties.passwordDelay(), "password " + trade.tradeNo(), () -> payIfOpen(trade));
                yield new BarcodeResult(trades.snapshot(trade), true);
            }
            case NEVER_PAYS -> new BarcodeResult(trades.snapshot(trade), true);
            case BALANCE_NOT_ENOUGH -> {
                trades.close(trade);
                throw AlipayError.business("ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足");
            }
            case INVALID -> throw new IllegalStateException("rejected above");
        };
    }

    record BarcodeResult(AlipayTrade.Snapshot snapshot, boolean waitingForBuyer) {}

    enum BarcodeScenario {
        PAID,
        PASSWORD,
        NEVER_PAYS,
        BALANCE_NOT_ENOUGH,
        INVALID;

        private static final Pattern AUTH_CODE = Pattern.compile("(2[5-9]|30)\\d{14,22}");

        static BarcodeScenario of(String authCode) {
            if (!AUTH_CODE.matcher(authCode).matches()) {
                return INVALID;
            }
            if (authCode.endsWith("1111")) {
                return PASSWORD;
            }
            if (authCode.endsWith("2222")) {
                return NEVER_PAYS;
            }
            if (authCode.endsWith("3333")) {
                return BALANCE_NOT_ENOUGH;
            }
            if (authCode.endsWith("4444")) {
                return INVALID;
            }
            return PAID;
        }
    }

    private void payIfOpen(AlipayTrade trade) {
        if (trades.snapshot(trade).status() == TradeStatus.WAIT_BUYER_PAY) {
            trades.pay(trade, AlipayTrades.DEFAULT_BUYER_ID, AlipayTrades.DEFAULT_BUYER_LOGON_ID);
        }
    }
}
