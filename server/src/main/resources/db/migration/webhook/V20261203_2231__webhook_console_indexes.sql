-- The console's webhook lists (WebhookQueries): every delivery newest first (the operator), a merchant's events
-- newest first, and the deliveries of one payment, found by the event's stream key.
create index webhook_delivery_time on webhook_delivery (created_at, id);
create index webhook_event_merchant_time on webhook_event (merchant_id, created_at);
create index webhook_event_stream_key on webhook_event (stream_key);
