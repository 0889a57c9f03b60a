package io.tongbao.webhook.stream;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Marks a new webhook event for every stream that is on, in the transaction that records the event. */
@Component
public class StreamOutbox {

    private final JdbcClient jdbc;
    private final String[] streams;

    StreamOutbox(JdbcClient jdbc, List<EventStream> streams) {
        this.jdbc = jdbc;
        this.streams = streams.stream().map(EventStream::name).toArray(String[]::new);
    }

    public void enqueue(String eventId) {
        if (streams.length == 0) {
            return;
        }
        jdbc.sql("insert into webhook_stream_outbox (stream, event_id) select s, :event from unnest(:streams) as s")
                .param("event", eventId)
                .param("streams", streams)
                .update();
    }
}
