/**
 * The demo (profile {@code demo}, {@code tongbao.demo.enabled}): a merchant with an HMAC app from the first start,
 * its channel accounts in the sandbox mounted in this process. The only module that knows the sandbox.
 */
@ApplicationModule(
        displayName = "Demo",
        allowedDependencies = {"merchant", "channel", "shared"})
@NullMarked
package io.tongbao.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
