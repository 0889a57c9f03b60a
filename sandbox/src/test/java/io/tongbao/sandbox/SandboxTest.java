package io.tongbao.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The sandbox standalone on a random port, with a notification inbox beside it; one context for all tests. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = SandboxApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tongbao.sandbox.enabled=true", "logging.level.sdk=off", "logging.level.com.alipay=warn"})
@Import(NotificationInbox.class)
public @interface SandboxTest {}
