-- Events a merchant can read back (GET /api/v1/events) and the deliveries that push them to its notify URL.
create table webhook_event (
    id          text primary key,
    merchant_id text        not null,
    app_id      text        not null,
    type        text        not null,
    api_version text        not null,
    object_id   text        not null,
    -- what caused it (event class + object + state): a republished domain event never makes a second webhook event
    source_key  text        not null unique,
    payload     text        not null,
    created_at  timestamptz not null
);
create index webhook_event_app_created on webhook_event (app_id, created_at, id);

create table webhook_delivery (
    id              text primary key,
    event_id        text        not null references webhook_event (id),
    app_id          text        not null,
    url             text,
    status          text        not null check (status in ('PENDING', 'SUCCEEDED', 'DEAD')),
    attempt_count   int         not null default 0,
    next_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    delivered_at    timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_event on webhook_delivery (event_id);

-- Every attempt: when, what came back, how long it took. Never a secret, and the response only in part.
create table webhook_attempt (
    id               bigint generated always as identity primary key,
    delivery_id      text        not null references webhook_delivery (id),
    attempted_at     timestamptz not null,
    status_code      int,
    latency_ms       int         not null,
    response_excerpt text,
    error            text
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);

-- An app's own retry schedule, when it does not want the default (5s 2m 10m 15m 1h 2h 6h 15h).
create table webhook_app_settings (
    app_id         text primary key,
    retry_schedule text        not null,
    updated_at     timestamptz not null
);
