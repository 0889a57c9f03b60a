/**
 * The web console of operators and merchant staff (issue 14): server-rendered pages (Thymeleaf + htmx) at
 * {@code /console}, reading and changing the other modules only through their public APIs. Who may open which
 * page is {@link io.tongbao.platform.Permissions}; what a merchant user sees is limited to its merchant in every
 * query the console makes.
 */
@ApplicationModule(
        displayName = "Console",
        allowedDependencies = {"platform", "merchant", "payment", "webhook", "ledger", "gateway", "channel", "shared"})
@NullMarked
package io.tongbao.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
