package io.tongbao.channel;

import io.tongbao.support.EndToEnd;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.TestEndpoints;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with the channel sandbox mounted in it and the janitor running, on a database of its own:
 * what the end-to-end payment tests drive over HTTP. Every class carrying it shares one cached context (one
 * sandbox, one sandbox clock), so tests leave no fault behind and keep orders on the default expiry (2 h): the
 * sandbox's clock only moves forward and runs ahead of Tongbao's once a test advanced it. The janitor looks for due
 * work five times a second (once by default), so that a query a test made due runs at once.
 */
@EndToEnd
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import({TestEndpoints.class, PublishedPaymentEvents.class})
@TestPropertySource(
        properties = {
            "tongbao.sandbox.enabled=true",
            "tongbao.payments.janitor.enabled=true",
            "tongbao.payments.janitor-interval=PT0.2S",
            "tongbao.sandbox.refund-window=" + Sandbox.REFUND_WINDOW
        })
@interface SandboxEndToEnd {}
