package io.tongbao.sandbox;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code tongbao.sandbox}.
 *
 * @param enabled        mounts the sandbox's endpoints under {@code /sandbox}
 * @param publicUrl      base URL that QR codes, cashier links and bill links point at; when empty, taken from the
 *                       request that created them (right for loopback use)
 * @param notifyTimeout  how long a notification receiver may take to answer; WeChat Pay allows 5 seconds
 * @param refundWindow   how long a paid Alipay trade stays refundable before it becomes TRADE_FINISHED
 * @param passwordDelay  how long a buyer takes to enter a password for a "waiting for password" barcode
 * @param keptNotifications how many finished notifications (acknowledged, given up or dropped) the notification log
 *                       keeps, newest first, so that a sandbox under load does not grow without end; unfinished
 *                       ones are always kept
 */
@ConfigurationProperties(prefix = "tongbao.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        URI publicUrl,
        @DefaultValue("5s") Duration notifyTimeout,
        @DefaultValue("90d") Duration refundWindow,
        @DefaultValue("10s") Duration passwordDelay,
        @DefaultValue("10000") int keptNotifications) {

    public static final String ENABLED = "tongbao.sandbox.enabled";

    public SandboxProperties {
        if (keptNotifications < 1) {
            throw new IllegalArgumentException("tongbao.sandbox.kept-notifications must be at least 1");
        }
    }
}
