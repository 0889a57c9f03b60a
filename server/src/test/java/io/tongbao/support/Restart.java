package io.tongbao.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Starts the application on its own (in this JVM or a child one), stops, kills or restarts it, and checks what
 * survives. Failsafe runs these in {@code integration-test}, after Surefire has run everything else
 * (docs/testing.md).
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Restart.TAG)
public @interface Restart {

    String TAG = "restart";
}
