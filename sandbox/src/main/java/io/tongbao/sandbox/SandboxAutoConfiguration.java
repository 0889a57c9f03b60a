package io.tongbao.sandbox;

import io.tongbao.sandbox.support.SandboxScheduler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * Mounts the Alipay and WeChat Pay sandbox under {@code /sandbox} when {@code tongbao.sandbox.enabled=true}.
 * <p>
 * Every component in the sub-packages carries the same condition, so a host whose component scan happens to
 * cover {@code io.tongbao.sandbox} gets nothing while the sandbox is disabled, and the same beans (not twice)
 * when it is enabled. The root package is not scanned: {@link SandboxApplication} stays out of a host.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
@EnableConfigurationProperties(SandboxProperties.class)
@ComponentScan(
        basePackages = {
            "io.tongbao.sandbox.support",
            "io.tongbao.sandbox.fault",
            "io.tongbao.sandbox.alipay",
            "io.tongbao.sandbox.wechatpay",
            "io.tongbao.sandbox.cashier"
        })
public class SandboxAutoConfiguration {

    /** A host or a test may bring its own, e.g. one built on a fixed base clock. */
    @Bean
    @ConditionalOnMissingBean
    SandboxClock sandboxClock() {
        return SandboxClock.system();
    }

    @Bean(destroyMethod = "close")
    SandboxScheduler sandboxScheduler(SandboxClock clock) {
        return new SandboxScheduler(clock);
    }
}
