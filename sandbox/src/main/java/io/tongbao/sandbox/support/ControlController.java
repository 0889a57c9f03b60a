package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox clock and the notification log, for tests and scripts. */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
public class ControlController {

    private final SandboxClock clock;
    private final NotificationDispatcher notifications;
    private final SandboxScheduler scheduler;

    public ControlController(SandboxClock clock, NotificationDispatcher notifications, SandboxScheduler scheduler) {
        this.clock = clock;
        this.notifications = notifications;
        this.scheduler = scheduler;
    }

    public record ClockView(Instant now, long offsetSeconds, int scheduledTasks) {}

    public record Advance(Long seconds, String duration) {
        Duration asDuration() {
            if (duration != null && !duration.isBlank()) {
                return Duration.parse(duration);
            }
            if (seconds != null) {
                return Duration.ofSeconds(seconds);
            }
            throw new IllegalArgumentException("give seconds (e.g. 3600) or duration (ISO-8601, e.g. PT24H)");
        }
    }

    @GetMapping("/sandbox/clock")
    public ResponseEntity<String> clock() {
        return SandboxJson.ok(view());
    }

    @PostMapping("/sandbox/clock/advance")
    public ResponseEntity<String> advance(@RequestBody String body) {
        clock.advance(SandboxJson.read(body, Advance.class).asDuration());
        return SandboxJson.ok(view());
    }

    @GetMapping("/sandbox/notifications")
    public ResponseEntity<String> notifications(
            @RequestParam(name = "account", required = false) String account,
            @RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
        return SandboxJson.ok(Map.of("notifications", notifications.find(account, outTradeNo)));
    }

    private ClockView view() {
        return new ClockView(clock.instant(), clock.offset().toSeconds(), scheduler.pending());
    }
}
