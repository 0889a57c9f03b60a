package io.tongbao.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WebhookController {

    private final WebhookEvents events;
    private final WebhookSubscriptions subscriptions;
    private final WebhookSettings settings;

    WebhookController(WebhookEvents events, WebhookSubscriptions subscriptions, WebhookSettings settings) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.settings = settings;
    }

    record EventTypes(List<String> eventTypes) {}

    /** {@code event_types}: the optional types the app subscribed to; {@code always}: the ones every app gets. */
    record EventTypeSettings(List<String> eventTypes, List<String> optional, List<String> always) {
        static EventTypeSettings of(Collection<String> subscribed) {
            return new EventTypeSettings(
                    subscribed.stream().sorted().toList(),
                    WebhookSubscriptions.OPTIONAL.stream().sorted().toList(),
                    WebhookEvents.TYPES.stream()
                            .filter(type -> !WebhookSubscriptions.OPTIONAL.contains(type))
                            .sorted()
                            .toList());
        }
    }

    @Operation(
            operationId = "getWebhookSettings",
            summary = "The event types this app is sent: the optional ones it chose and the ones every app gets")
    @GetMapping("/api/v1/webhook-settings")
    EventTypeSettings eventTypes(MerchantCaller caller) {
        return EventTypeSettings.of(subscriptions.of(caller.appId()));
    }

    @Operation(operationId = "setWebhookSettings", summary = "Choose the optional event types this app is sent")
    @PutMapping("/api/v1/webhook-settings")
    EventTypeSettings setEventTypes(MerchantCaller caller, @RequestBody EventTypes request) {
        return EventTypeSettings.of(settings.setEventTypes(caller.appId(), request.eventTypes()));
    }

    @Operation(operationId = "getAppWebhookEventTypes", summary = "An app's event types")
    @GetMapping("/api/operator/apps/{appId}/webhook-event-types")
    EventTypeSettings eventTypesOf(@PathVariable String appId) {
        return EventTypeSettings.of(subscriptions.of(appId));
    }

    @Operation(operationId = "setAppWebhookEventTypes", summary = "Choose an app's optional event types")
    @PutMapping("/api/operator/apps/{appId}/webhook-event-types")
    EventTypeSettings setEventTypesOf(@PathVariable String appId, @RequestBody EventTypes request) {
        return EventTypeSettings.of(settings.setEventTypes(appId, request.eventTypes()));
    }

    @Operation(
            operationId = "listEvents",
            summary = "Events of this app, oldest first after a cursor (types: comma-separated filter)")
    @GetMapping("/api/v1/events")
    WebhookEvents.Page list(
            MerchantCaller caller,
            @RequestParam(required = false) @Nullable String types,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "50") int limit) {
        return events.list(caller.appId(), types, after, limit);
    }

    @Operation(operationId = "getEvent", summary = "One event, as it was delivered")
    @GetMapping("/api/v1/events/{eventId}")
    Map<String, Object> get(MerchantCaller caller, @PathVariable String eventId) {
        return events.get(caller.appId(), eventId);
    }

    @Operation(
            operationId = "listDeliveries",
            summary = "The deliveries of an event to the app's notify URL, with their attempts")
    @GetMapping("/api/v1/events/{eventId}/deliveries")
    List<WebhookEvents.Delivery> deliveries(MerchantCaller caller, @PathVariable String eventId) {
        return events.deliveries(caller.appId(), eventId);
    }

    @Operation(operationId = "resendEvent", summary = "Deliver an event again")
    @PostMapping("/api/v1/events/{eventId}/resend")
    Map<String, Integer> resend(MerchantCaller caller, @PathVariable String eventId) {
        return Map.of("resent", settings.resend(caller.appId(), eventId));
    }

    record BulkResend(String appId, Instant from, Instant to) {}

    record Schedule(List<String> retrySchedule) {}

    /** Operator: resend every dead delivery of an app, optionally for events in [from, to). */
    @Operation(
            operationId = "resendDeadDeliveries",
            summary = "Resend every dead delivery of an app, optionally for events in [from, to)")
    @PostMapping("/api/operator/webhooks/resend")
    Map<String, Integer> resendDead(@RequestBody BulkResend request) {
        if (request.appId() == null) {
            throw ApiException.invalid("app_id", "is required");
        }
        return Map.of("resent", settings.resendDead(request.appId(), request.from(), request.to()));
    }

    @Operation(operationId = "setAppWebhookSchedule", summary = "Set an app's webhook retry schedule")
    @PutMapping("/api/operator/apps/{appId}/webhook-schedule")
    Map<String, Object> schedule(@PathVariable String appId, @RequestBody Schedule request) {
        return Map.of(
                "retry_schedule",
                settings.setSchedule(appId, request.retrySchedule()).stream()
                        .map(Object::toString)
                        .toList());
    }
}
