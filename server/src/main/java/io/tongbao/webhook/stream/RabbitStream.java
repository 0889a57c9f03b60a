package io.tongbao.webhook.stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Publishes to a durable topic exchange with publisher confirms: persistent messages, routing key
 * {@code <merchant id>.<event type>}, message id = event id. One channel, so a queue receives them in the order they
 * were published. Recovery is the relay's: a broken connection is dropped and a new one opened on the next try.
 */
final class RabbitStream implements EventStream {

    static final String NAME = "rabbitmq";

    private final StreamProperties.Rabbitmq properties;
    private final ConnectionFactory factory = new ConnectionFactory();
    private @Nullable Connection connection;
    private @Nullable Channel channel;

    RabbitStream(StreamProperties.Rabbitmq properties) {
        this.properties = properties;
        try {
            factory.setUri(properties.uri());
        } catch (Exception e) {
            // the message of a URI error can quote the URI, password included
            throw new IllegalArgumentException("tongbao.streams.rabbitmq.uri is not an amqp:// or amqps:// URI");
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        int timeout = (int) properties.timeout().toMillis();
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setShutdownTimeout(timeout);
        factory.setRequestedHeartbeat(Math.max(1, timeout / 1000));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "RabbitMQ at " + factory.getHost() + ":" + factory.getPort() + " (exchange " + properties.exchange()
                + ")";
    }

    @Override
    public void publish(List<StreamEvent> events) throws Exception {
        Channel open = channel();
        for (StreamEvent event : events) {
            open.basicPublish(properties.exchange(), routingKey(event), false, properties(event), event.body());
        }
        // a nack or no answer in time is an error: the relay keeps the events and tries again
        open.waitForConfirmsOrDie(properties.timeout().toMillis());
    }

    static String routingKey(StreamEvent event) {
        return event.merchantId() + "." + event.type();
    }

    private static AMQP.BasicProperties properties(StreamEvent event) {
        return new AMQP.BasicProperties.Builder()
                .messageId(event.id())
                .type(event.type())
                .appId("tongbao")
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(2)
                .timestamp(Date.from(event.createdAt()))
                .headers(Map.of("tongbao-key", event.key(), "tongbao-merchant-id", event.merchantId()))
                .build();
    }

    private Channel channel() throws Exception {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        reset();
        connection = factory.newConnection("tongbao-events");
        Channel created = connection.createChannel();
        created.confirmSelect();
        created.exchangeDeclare(properties.exchange(), "topic", true);
        if (properties.queue() != null && !properties.queue().isBlank()) {
            created.queueDeclare(properties.queue(), true, false, false, null);
            created.queueBind(properties.queue(), properties.exchange(), "#");
        }
        channel = created;
        return channel;
    }

    @Override
    public void reset() {
        channel = null;
        if (connection != null) {
            try {
                connection.abort((int) properties.timeout().toMillis());
            } catch (RuntimeException ignored) {
                // it was broken already: that is why it is being dropped
            }
            connection = null;
        }
    }
}
