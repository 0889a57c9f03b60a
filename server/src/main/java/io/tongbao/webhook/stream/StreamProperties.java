package io.tongbao.webhook.stream;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Forwarding of every webhook event to RabbitMQ and/or Kafka. Both off by default: the default run has no broker.
 * {@code pollInterval}: how often a relay looks for events to publish; {@code maxBackoff}: the longest wait between
 * tries while a broker is unreachable (1 s, 2 s, 4 s … up to this).
 */
@ConfigurationProperties("tongbao.streams")
public record StreamProperties(
        @DefaultValue Rabbitmq rabbitmq,
        @DefaultValue Kafka kafka,
        @DefaultValue("PT0.2S") Duration pollInterval,
        @DefaultValue("PT30S") Duration maxBackoff,
        @DefaultValue("500") int batch) {

    /**
     * {@code uri}: {@code amqp[s]://user:password@host:port/vhost} (its password is never logged). {@code exchange}: a
     * durable topic exchange, declared if missing. {@code queue}: if set, a durable queue declared and bound to every
     * event ({@code #}), so that events are kept even before any consumer has bound its own.
     */
    public record Rabbitmq(
            @DefaultValue("false") boolean enabled,

            @DefaultValue("amqp://guest:guest@127.0.0.1:5672")
            String uri,

            @DefaultValue("tongbao.events") String exchange,
            String queue,
            @DefaultValue("PT10S") Duration timeout) {}

    /**
     * {@code properties}: further producer settings (TLS, SASL…), passed to the Kafka client as they are; the relay
     * sets {@code acks=all} and idempotence itself.
     */
    public record Kafka(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @DefaultValue("tongbao.events") String topic,
            Map<String, String> properties,
            @DefaultValue("PT10S") Duration timeout) {}
}
