package io.tongbao.support;

import io.tongbao.shared.web.MerchantCaller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant endpoint that exists only in tests: it counts how often its handler really ran, can fail on
 * demand and can be held open, so the API contract (idempotency, logging) is tested apart from any feature.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEndpoints {

    public static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> ENTERED = new ConcurrentHashMap<>();

    public record Work(String name, boolean fail, String gate) {}

    public record Done(String name, int execution, String merchantId) {}

    @RestController
    static class Endpoint {

        @PostMapping("/api/v1/test/work")
        @ResponseStatus(HttpStatus.CREATED)
        Done work(MerchantCaller caller, @RequestBody Work work) throws InterruptedException {
            int execution = EXECUTIONS
                    .computeIfAbsent(work.name(), name -> new AtomicInteger())
                    .incrementAndGet();
            if (work.gate() != null) {
                ENTERED.computeIfAbsent(work.gate(), gate -> new CountDownLatch(1))
                        .countDown();
                if (!GATES.computeIfAbsent(work.gate(), gate -> new CountDownLatch(1))
                        .await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate " + work.gate() + " never opened");
                }
            }
            if (work.fail()) {
                throw new IllegalStateException(
                        "failing on purpose; secret-looking text must not leak: sk_should_not_leak");
            }
            return new Done(work.name(), execution, caller.merchantId());
        }
    }
}
