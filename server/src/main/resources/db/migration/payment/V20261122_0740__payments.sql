-- A payment order is what the merchant asked to be paid; attempts are its tries at a channel; refunds give money
-- back. Every status change is a guarded UPDATE (… where status = expected) in the transaction that writes its event.
create table payment_order (
    id               text primary key,
    merchant_id      text        not null,
    app_id           text        not null,
    out_trade_no     text        not null,
    amount           bigint      not null check (amount > 0),
    currency         text        not null check (currency = 'CNY'),
    subject          text        not null,
    description      text,
    metadata         jsonb,
    notify_url       text,
    return_url       text,
    request_hash     text        not null,
    status           text        not null check (status in ('PENDING', 'PAID', 'CLOSED')),
    pay_way          text        not null,
    expires_at       timestamptz not null,
    paid_at          timestamptz,
    paid_attempt_id  text,
    closed_at        timestamptz,
    refundable       boolean     not null default true,
    amount_refunded  bigint      not null default 0 check (amount_refunded >= 0 and amount_refunded <= amount),
    refund_count     int         not null default 0,
    fee_rate_ppm     int,
    fee              bigint,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (app_id, out_trade_no)
);
create index payment_order_merchant_created on payment_order (merchant_id, created_at desc, id desc);
create index payment_order_expiry on payment_order (expires_at) where status = 'PENDING';

create table payment_attempt (
    id                     text primary key,
    payment_id             text        not null references payment_order (id),
    merchant_id            text        not null,
    app_id                 text        not null,
    channel                text        not null check (channel in ('ALIPAY', 'WECHATPAY')),
    pay_way                text        not null,
    amount                 bigint      not null check (amount > 0),
    status                 text        not null check (status in ('CREATING', 'PENDING', 'SUCCEEDED', 'CLOSED', 'FAILED')),
    channel_transaction_id text,
    action                 jsonb,
    failure_code           text,
    failure_message        text,
    finished               boolean     not null default false,
    next_query_at          timestamptz,
    query_count            int         not null default 0,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    paid_at                timestamptz,
    closed_at              timestamptz
);
-- at most one live attempt per order: the database settles a race between two pay ways or two tabs
create unique index payment_attempt_one_live on payment_attempt (payment_id) where status in ('CREATING', 'PENDING');
create index payment_attempt_payment on payment_attempt (payment_id);
create index payment_attempt_due on payment_attempt (next_query_at) where status = 'PENDING';

create table refund (
    id             text primary key,
    payment_id     text        not null references payment_order (id),
    attempt_id     text        not null references payment_attempt (id),
    merchant_id    text        not null,
    app_id         text        not null,
    out_refund_no  text        not null,
    amount         bigint      not null check (amount > 0),
    reason         text,
    status         text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    automatic      boolean     not null default false,
    failure_code   text,
    failure_message text,
    channel_refund_id text,
    submitted_at   timestamptz,
    next_query_at  timestamptz,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    succeeded_at   timestamptz,
    unique (app_id, out_refund_no)
);
create index refund_payment on refund (payment_id);
create index refund_due on refund (next_query_at) where status = 'PENDING';
create unique index refund_one_automatic_per_attempt on refund (attempt_id) where automatic;

-- Real money that arrived where Tongbao did not expect it (a second paid attempt, a success after a close), and
-- notifications that failed verification. Kept for the operator; never edited.
create table payment_exception (
    id          text primary key,
    merchant_id text,
    app_id      text,
    payment_id  text,
    attempt_id  text,
    kind        text        not null,
    detail      text        not null,
    resolution  text,
    created_at  timestamptz not null
);
create index payment_exception_payment on payment_exception (payment_id);
