package io.tongbao.webhook.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes to one topic, keyed by {@code <merchant id>:<payment id or payer account>}, with an idempotent producer
 * and {@code acks=all}: one key's events land in one partition in the order they were sent. After any error the
 * producer is closed and a new one made on the next try, so no half-failed producer state carries over.
 */
final class KafkaStream implements EventStream {

    static final String NAME = "kafka";

    private final StreamProperties.Kafka properties;
    private @Nullable Producer<String, byte[]> producer;

    KafkaStream(StreamProperties.Kafka properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "Kafka at " + properties.bootstrapServers() + " (topic " + properties.topic() + ")";
    }

    @Override
    public void publish(List<StreamEvent> events) throws Exception {
        Producer<String, byte[]> open = producer();
        // waits at most max.block.ms for the broker, once, rather than once per record sent
        open.partitionsFor(properties.topic());
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (StreamEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    properties.topic(), null, event.createdAt().toEpochMilli(), event.key(), event.body());
            record.headers().add("tongbao-event-id", event.id().getBytes(StandardCharsets.UTF_8));
            record.headers().add("tongbao-event-type", event.type().getBytes(StandardCharsets.UTF_8));
            sent.add(open.send(record));
        }
        open.flush();
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        for (Future<RecordMetadata> future : sent) {
            future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(config(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    Map<String, Object> config() {
        long timeout = properties.timeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        if (properties.properties() != null) {
            config.putAll(properties.properties());
        }
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tongbao-events");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // at most 5 in flight keeps an idempotent producer's order per partition
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout + 10);
        return config;
    }

    @Override
    public void reset() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // closing a producer that lost its broker: nothing left to save
            }
            producer = null;
        }
    }
}
