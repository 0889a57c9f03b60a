package io.tongbao.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Like {@link TestDatabaseInitializer}, on a fresh database of the same server: for tests whose background jobs
 * (janitor, relays, dispatchers, expiry) must not share work with the other cached contexts.
 */
public class OwnDatabaseInitializer extends TestDatabaseInitializer {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        TestPropertyValues.of("tongbao.db.url=" + TestDatabase.freshDatabaseUrl())
                .applyTo(context);
    }
}
