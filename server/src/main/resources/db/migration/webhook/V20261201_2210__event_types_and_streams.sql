-- Optional event types an app subscribed to (today: ledger.transfer.posted). The others are always sent.
alter table webhook_app_settings alter column retry_schedule drop not null;
alter table webhook_app_settings add column event_types text[] not null default '{}';

-- What a stream keys the event by, after the merchant: the payment for payment and refund events (so that one
-- order's events share a Kafka partition), the payer account for ledger events.
alter table webhook_event add column stream_key text;

-- Events still to be published to a stream (RabbitMQ, Kafka), written with the event when that stream is on and
-- deleted in the transaction that saw the broker confirm them. seq orders them; one relay per stream at a time.
create table webhook_stream_outbox (
    seq      bigint generated always as identity primary key,
    stream   text not null,
    event_id text not null references webhook_event (id)
);
create index webhook_stream_outbox_next on webhook_stream_outbox (stream, seq);
