package io.tongbao.webhook.stream;

import java.util.List;

/** A broker that events are forwarded to. Used by one relay thread at a time. */
interface EventStream {

    /** The outbox's {@code stream} column: which rows are this stream's. */
    String name();

    /** Where it publishes, for logs: never a password. */
    String describe();

    /** Returns once the broker confirmed every event, in order; throws otherwise (the events stay in the outbox). */
    void publish(List<StreamEvent> events) throws Exception;

    /** Drops the connection, so that the next publish starts a new one (after an error, and at shutdown). */
    void reset();
}
