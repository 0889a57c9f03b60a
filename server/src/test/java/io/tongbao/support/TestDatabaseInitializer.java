package io.tongbao.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Points the application at the test database and a throw-away data folder. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            TestPropertyValues.of(
                            "tongbao.db.url=" + TestDatabase.url(),
                            "tongbao.db.user=" + TestDatabase.user(),
                            "tongbao.db.password=" + TestDatabase.password(),
                            "tongbao.data-dir=" + Files.createTempDirectory("tongbao-test-data"))
                    .applyTo(context);
            TestDatabase.contextOpened();
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    TestDatabase.contextClosed();
                }
            });
            if (!context.getEnvironment().containsProperty("tongbao.payments.janitor.enabled")) {
                // every cached test context shares one database: only the tests about the janitor run one,
                // so that no other context's janitor claims their work
                TestPropertyValues.of("tongbao.payments.janitor.enabled=false").applyTo(context);
            }
            if (!context.getEnvironment().containsProperty("tongbao.webhooks.dispatcher-enabled")) {
                TestPropertyValues.of("tongbao.webhooks.dispatcher-enabled=false")
                        .applyTo(context);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
