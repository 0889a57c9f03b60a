package io.tongbao.sandbox.fault;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.SandboxJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /sandbox/faults}: inject, list and remove faults. */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class FaultController {

    private final FaultRegistry faults;

    FaultController(FaultRegistry faults) {
        this.faults = faults;
    }

    /**
     * @param account      app_id or mchid
     * @param times        how many calls or notifications it affects; 0 or absent means until removed
     */
    record Injection(
            String account, String outTradeNo, FaultKind kind, Integer count, Long delaySeconds, Integer times) {}

    record RuleView(
            String id, String account, String outTradeNo, FaultKind kind, int count, long delaySeconds, int remaining) {

        static RuleView of(FaultRule rule) {
            return new RuleView(
                    rule.id(),
                    rule.account(),
                    rule.outTradeNo(),
                    rule.kind(),
                    rule.count(),
                    rule.delay().toSeconds(),
                    rule.remaining());
        }
    }

    @PostMapping("/sandbox/faults")
    ResponseEntity<String> inject(@RequestBody String body) {
        Injection injection = SandboxJson.read(body, Injection.class);
        if (injection.kind() == null) {
            throw new IllegalArgumentException("kind is required, one of " + List.of(FaultKind.values()));
        }
        FaultRule rule = faults.add(
                injection.account(),
                injection.outTradeNo(),
                injection.kind(),
                injection.count() == null ? 0 : injection.count(),
                injection.delaySeconds() == null ? Duration.ZERO : Duration.ofSeconds(injection.delaySeconds()),
                injection.times() == null ? 0 : injection.times());
        return SandboxJson.respond(HttpStatus.CREATED, RuleView.of(rule));
    }

    @GetMapping("/sandbox/faults")
    ResponseEntity<String> list() {
        return SandboxJson.ok(
                Map.of("faults", faults.list().stream().map(RuleView::of).toList()));
    }

    @DeleteMapping("/sandbox/faults/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        return faults.remove(id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @DeleteMapping("/sandbox/faults")
    ResponseEntity<Void> clear() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }
}
