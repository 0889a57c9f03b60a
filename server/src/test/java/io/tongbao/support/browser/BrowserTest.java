package io.tongbao.support.browser;

import io.tongbao.support.EndToEnd;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives the product in a real, headless Chromium: one browser for the whole class, handed to its
 * methods as a {@link Browser} parameter. Put it beside the annotation that boots the application
 * ({@code @TongbaoTest}, {@code @SandboxEndToEnd}): the browser's base URL is that application's port. Skipped, with
 * the reason printed, when the machine has no Chromium or chromedriver (docs/testing.md, "Browser tests").
 */
@EndToEnd
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {

    /** The browser's own language (Accept-Language, navigator.language) before any {@code ?lang=} choice. */
    String acceptLanguage() default "zh-CN";
}
