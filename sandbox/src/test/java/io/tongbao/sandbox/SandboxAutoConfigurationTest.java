package io.tongbao.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** How a host application sees the sandbox: nothing unless enabled, once when enabled, its clock if it brings one. */
class SandboxAutoConfigurationTest {

    private final WebApplicationContextRunner runner =
            new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SandboxAutoConfiguration.class));

    @Test
    void aHostGetsNoSandboxUnlessItEnablesIt() {
        runner.run(context -> assertThat(sandboxBeanTypes(context)).isEmpty());
        runner.withPropertyValues("tongbao.sandbox.enabled=false")
                .run(context -> assertThat(sandboxBeanTypes(context)).isEmpty());
    }

    @Test
    void anEnabledSandboxBringsItsGatewaysAndClock() {
        runner.withPropertyValues("tongbao.sandbox.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(SandboxClock.class);
            assertThat(sandboxBeanTypes(context))
                    .contains(
                            "AlipayGatewayController",
                            "WechatPayController",
                            "FaultController",
                            "AlipayCashierController");
        });
    }

    @Test
    void aHostWhoseScanCoversTheSandboxGetsNothingWhileDisabledAndEveryBeanOnceWhenEnabled() {
        WebApplicationContextRunner host = runner.withUserConfiguration(HostScanningEverything.class);
        host.run(context -> assertThat(sandboxBeanTypes(context)).isEmpty());
        host.withPropertyValues("tongbao.sandbox.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            Map<String, Long> perType = sandboxBeanTypes(context).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perType)
                    .isNotEmpty()
                    .allSatisfy((type, count) -> assertThat(count).as(type).isEqualTo(1L));
        });
    }

    @Test
    void aHostMayBringItsOwnSandboxClock() {
        Instant fixed = Instant.parse("2026-01-01T00:00:00Z");
        runner.withPropertyValues("tongbao.sandbox.enabled=true")
                .withBean(SandboxClock.class, () -> new SandboxClock(Clock.fixed(fixed, ZoneOffset.UTC)))
                .run(context -> assertThat(context.getBean(SandboxClock.class).instant())
                        .isEqualTo(fixed));
    }

    private static List<String> sandboxBeanTypes(ApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(Objects::nonNull)
                .filter(type -> type.getPackageName().startsWith("io.tongbao.sandbox."))
                .filter(type -> !type.getName().contains("Test")
                        && !type.getSimpleName().equals("NotificationInbox"))
                .map(Class::getSimpleName)
                .toList();
    }

    /** Like Tongbao's server: a component scan of a package that contains the sandbox. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "io.tongbao.sandbox",
            excludeFilters =
                    @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = NotificationInbox.class))
    static class HostScanningEverything {

        @Bean
        Clock hostClock() {
            return Clock.systemUTC();
        }
    }
}
