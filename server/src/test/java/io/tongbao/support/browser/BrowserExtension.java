package io.tongbao.support.browser;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts one Chromium per {@link BrowserTest} class and quits it after the class; hands it to the tests as a
 * {@link Browser} parameter; leaves the page of a failed test in the screenshot folder. Without a usable Chromium
 * (none installed, or one that does not start: tried once per run) the class is skipped and the reason printed once, so that the README's test command passes on a machine without a
 * browser.
 */
final class BrowserExtension
        implements ExecutionCondition,
                BeforeAllCallback,
                BeforeEachCallback,
                AfterAllCallback,
                ParameterResolver,
                TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);
    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Chromium.unusable()
                .map(reason -> ConditionEvaluationResult.disabled(skipped(reason)))
                .orElseGet(() -> ConditionEvaluationResult.enabled(
                        "Chromium at " + Chromium.configured().browser()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        String acceptLanguage = Optional.ofNullable(
                        AnnotatedElementUtils.findMergedAnnotation(testClass, BrowserTest.class))
                .map(BrowserTest::acceptLanguage)
                .orElse("zh-CN");
        Browser browser = new Browser(
                Chromium.configured().start(acceptLanguage),
                () -> baseUrl(context),
                acceptLanguage.startsWith("en") ? ConsoleLanguage.EN : ConsoleLanguage.ZH_CN,
                testClass.getSimpleName());
        context.getStore(NAMESPACE).put(Browser.class, browser);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser(context).ifPresent(Browser::forgetSession);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        browser(context).ifPresent(Browser::quit);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context).orElseThrow(() -> new IllegalStateException("no browser was started for this class"));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        browser(context).ifPresent(browser -> {
            try {
                browser.screens().failed(context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        });
    }

    private static Optional<Browser> browser(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(Browser.class, Browser.class));
    }

    /** The port of the application the class booted with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}. */
    private static String baseUrl(ExtensionContext context) {
        String port =
                SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("a @BrowserTest needs the application on a port: @TongbaoTest or another"
                    + " @SpringBootTest(webEnvironment = RANDOM_PORT)");
        }
        return "http://localhost:" + port;
    }

    private static String skipped(String reason) {
        String message = "Browser tests skipped: " + reason;
        if (PRINTED.add(reason)) {
            System.out.println(message);
        }
        return message;
    }
}
