/**
 * What every module may use: ids, the error model, the authenticated caller, secret encryption, time.
 * Open, so that its sub-packages are part of its API.
 */
@ApplicationModule(displayName = "Shared", type = ApplicationModule.Type.OPEN)
@NullMarked
package io.tongbao.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
