package io.tongbao.sandbox.fault;

import java.time.Duration;

/**
 * One injected fault.
 *
 * @param account    the Alipay app_id or WeChat Pay mchid it applies to
 * @param outTradeNo when set, only that order is affected
 * @param count      copies for {@link FaultKind#NOTIFY_DUPLICATE}
 * @param delay      for {@link FaultKind#NOTIFY_DELAY}, {@link FaultKind#NOTIFY_REORDER} (longest hold) and
 *                   {@link FaultKind#API_TIMEOUT}
 * @param remaining  how many more times it fires; negative means until removed
 */
public record FaultRule(
        String id, String account, String outTradeNo, FaultKind kind, int count, Duration delay, int remaining) {

    boolean matches(FaultKind wanted, String account, String outTradeNo) {
        return kind == wanted
                && this.account.equals(account)
                && (this.outTradeNo == null || this.outTradeNo.equals(outTradeNo))
                && remaining != 0;
    }

    FaultRule used() {
        return remaining > 0 ? new FaultRule(id, account, outTradeNo, kind, count, delay, remaining - 1) : this;
    }
}
