/**
 * The running platform: where data lives (embedded or external PostgreSQL), the master key, operator
 * accounts and who may call what. Business modules do not depend on it.
 */
@ApplicationModule(displayName = "Platform", allowedDependencies = "shared")
@NullMarked
package io.tongbao.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
