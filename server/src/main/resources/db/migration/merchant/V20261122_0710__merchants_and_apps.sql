-- Merchants (tenants) and their apps. Every merchant-facing query is scoped by merchant_id.
create table merchant (
    id         text primary key,
    name       text        not null,
    status     text        not null check (status in ('ACTIVE', 'SUSPENDED')),
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table app (
    id                       text primary key,
    merchant_id              text        not null references merchant (id),
    name                     text        not null,
    notify_url               text,
    status                   text        not null check (status in ('ACTIVE', 'SUSPENDED')),
    sign_type                text        not null check (sign_type in ('RSA2', 'HMAC_SHA256')),
    -- RSA2: the merchant's public key (not secret) and the platform key pair Tongbao answers with
    merchant_public_key      text,
    platform_public_key      text,
    platform_private_key_enc text,
    created_at               timestamptz not null,
    updated_at               timestamptz not null,
    check (sign_type <> 'RSA2' or (platform_public_key is not null and platform_private_key_enc is not null))
);
create index app_merchant on app (merchant_id);

-- HMAC secrets, sealed with the master key. Several versions verify during a rotation's overlap window.
create table app_hmac_secret (
    app_id     text        not null references app (id),
    version    int         not null,
    secret_enc text        not null,
    created_at timestamptz not null,
    expires_at timestamptz,
    primary key (app_id, version)
);

-- Channel credentials per app: settings (not secret) in clear, secrets sealed as one JSON document.
create table channel_account (
    app_id      text        not null references app (id),
    channel     text        not null check (channel in ('ALIPAY', 'WECHATPAY')),
    settings    jsonb       not null,
    secrets_enc text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (app_id, channel)
);

-- Fee per pay way in parts per million of the amount (0.6 % = 6000).
create table fee_rate (
    app_id     text        not null references app (id),
    pay_way    text        not null,
    rate_ppm   int         not null check (rate_ppm between 0 and 1000000),
    updated_at timestamptz not null,
    primary key (app_id, pay_way)
);

-- Replay protection: a nonce is accepted once per app inside the timestamp window.
create table api_nonce (
    app_id     text        not null,
    nonce      text        not null,
    expires_at timestamptz not null,
    primary key (app_id, nonce)
);
create index api_nonce_expiry on api_nonce (expires_at);

-- Idempotency-Key: the first response is kept 24 h and replayed.
create table api_idempotency (
    app_id          text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    state           text        not null check (state in ('IN_PROGRESS', 'DONE')),
    locked_until    timestamptz not null,
    response_status int,
    response_type   text,
    response_body   bytea,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    primary key (app_id, idempotency_key)
);
create index api_idempotency_expiry on api_idempotency (expires_at);

-- Every merchant API call, for the call log and error rates. Never a body, never a secret.
create table api_call (
    id          bigint generated always as identity primary key,
    request_id  text        not null,
    merchant_id text,
    app_id      text,
    method      text        not null,
    path        text        not null,
    status      int         not null,
    error_code  text,
    latency_ms  int         not null,
    created_at  timestamptz not null
);
create index api_call_merchant_time on api_call (merchant_id, created_at);
