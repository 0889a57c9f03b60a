package io.tongbao.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Drives the running product over the network the way a merchant, a buyer, a channel or a hostile client would
 * (the SDK, the sandbox, raw HTTP, a webhook receiver, a broker consumer). Failsafe runs these in
 * {@code integration-test}, after Surefire has run everything else (docs/testing.md).
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(EndToEnd.TAG)
public @interface EndToEnd {

    String TAG = "e2e";
}
