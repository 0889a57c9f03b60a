package io.tongbao.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link TestDatabaseInitializer} on a database of its own (same server, fresh schema). For a context whose janitor
 * works real channels: cached contexts stay alive, and another context's janitor (with fake channels) would
 * otherwise claim this one's attempts and refunds, and this one theirs.
 */
public class OwnDatabaseInitializer extends TestDatabaseInitializer {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        TestPropertyValues.of("tongbao.db.url=" + TestDatabase.freshDatabaseUrl()).applyTo(context);
    }
}
