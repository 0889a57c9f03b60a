package io.tongbao.webhook.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/** The streams that are switched on, and a relay for each, started and stopped with the application. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    @ConditionalOnProperty(name = "tongbao.streams.rabbitmq.enabled", havingValue = "true")
    EventStream rabbitStream(StreamProperties properties) {
        return new RabbitStream(properties.rabbitmq());
    }

    @Bean
    @ConditionalOnProperty(name = "tongbao.streams.kafka.enabled", havingValue = "true")
    EventStream kafkaStream(StreamProperties properties) {
        return new KafkaStream(properties.kafka());
    }

    @Bean
    StreamRelays streamRelays(
            List<EventStream> streams,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            StreamProperties properties,
            Clock clock,
            ObjectProvider<TaskScheduler> scheduler) {
        List<StreamRelay> relays = streams.stream()
                .map(stream -> new StreamRelay(stream, jdbc, transactions, properties, clock))
                .toList();
        return new StreamRelays(relays, streams, properties, scheduler);
    }

    /** Each relay on its own schedule, so a broker that times out never holds up the other. */
    static final class StreamRelays implements SmartLifecycle {

        private final List<StreamRelay> relays;
        private final List<EventStream> streams;
        private final StreamProperties properties;
        private final ObjectProvider<TaskScheduler> scheduler;
        private final List<ScheduledFuture<?>> running = new ArrayList<>();

        StreamRelays(
                List<StreamRelay> relays,
                List<EventStream> streams,
                StreamProperties properties,
                ObjectProvider<TaskScheduler> scheduler) {
            this.relays = relays;
            this.streams = streams;
            this.properties = properties;
            this.scheduler = scheduler;
        }

        @Override
        public synchronized void start() {
            for (StreamRelay relay : relays) {
                running.add(scheduler.getObject().scheduleWithFixedDelay(relay::run, properties.pollInterval()));
            }
        }

        @Override
        public synchronized void stop() {
            running.forEach(future -> future.cancel(false));
            running.clear();
            streams.forEach(EventStream::reset);
        }

        @Override
        public synchronized boolean isRunning() {
            return !running.isEmpty();
        }

        List<StreamRelay> relays() {
            return relays;
        }
    }
}
