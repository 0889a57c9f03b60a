-- The points ledger. Amounts are bigint minor units of a point type; nothing here is ever a float.
-- Rows of ledger_transfer and ledger_posting are append-only: a correction is a new transfer.

create table ledger_point_type (
    id          bigint generated always as identity primary key,
    merchant_id text        not null,
    code        text        not null,
    name        text        not null,
    scale       smallint    not null check (scale between 0 and 8),
    status      text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    created_at  timestamptz not null,
    unique (merchant_id, code)
);

create table ledger_account (
    id              bigint generated always as identity primary key,
    public_id       text        not null unique,
    merchant_id     text        not null,
    point_type_id   bigint      not null references ledger_point_type (id),
    owner_kind      text        not null check (owner_kind in ('USER', 'MERCHANT', 'SYSTEM')),
    owner_id        text        not null,
    may_go_negative boolean     not null,
    -- an issuer keeps its balance in several rows so that issuing points does not queue on one row lock
    shards          smallint    not null default 1 check (shards between 1 and 256),
    created_at      timestamptz not null,
    unique (point_type_id, owner_kind, owner_id)
);
create index ledger_account_merchant on ledger_account (merchant_id, id);

-- The mutable part of an account: one row per shard. Ordinary accounts have exactly shard 0.
-- seq/head: the hash chain of this shard's postings, advanced under the same row lock as the balance.
create table ledger_balance (
    account_id      bigint   not null references ledger_account (id),
    shard           smallint not null,
    balance         bigint   not null default 0,
    frozen          bigint   not null default 0 check (frozen >= 0),
    may_go_negative boolean  not null,
    closed          boolean  not null default false,
    seq             bigint   not null default 0,
    head            bytea    not null,
    primary key (account_id, shard),
    -- the last line of defence; the ledger's own guarded updates refuse an overdraft before this fires
    constraint ledger_balance_available_not_negative check (may_go_negative or balance - frozen >= 0)
) with (fillfactor = 50);

create table ledger_reason (
    merchant_id text        not null,
    code        integer     not null check (code > 0),
    description text        not null,
    payer_kinds text[],
    payee_kinds text[],
    created_at  timestamptz not null,
    primary key (merchant_id, code)
);

create sequence ledger_transfer_id_seq;

create table ledger_transfer (
    id            bigint      primary key default nextval('ledger_transfer_id_seq'),
    merchant_id   text        not null,
    client_id     text        not null,
    kind          text        not null check (kind in ('TRANSFER', 'HOLD', 'POST', 'VOID', 'EXPIRE', 'REVERSAL')),
    point_type_id bigint      not null,
    from_account  bigint      not null,
    to_account    bigint      not null,
    amount        bigint      not null check (amount > 0),
    reason        integer     not null,
    memo          text,
    metadata      text,
    related_id    bigint,
    created_at    timestamptz not null,
    -- SHA-256 of the row's content (see TransferDigest); chained into both accounts' postings
    digest        bytea       not null,
    unique (merchant_id, client_id)
);
alter sequence ledger_transfer_id_seq owned by ledger_transfer.id;
-- a transfer is reversed at most once
create unique index ledger_transfer_one_reversal on ledger_transfer (related_id) where kind = 'REVERSAL';
-- daily totals per reason scan a day of an append-only table: a BRIN index costs almost nothing to keep
create index ledger_transfer_created on ledger_transfer using brin (created_at);

create table ledger_posting (
    account_id    bigint      not null,
    shard         smallint    not null,
    seq           bigint      not null,
    transfer_id   bigint      not null,
    amount        bigint      not null check (amount <> 0),
    balance_after bigint      not null,
    reason        integer     not null,
    created_at    timestamptz not null,
    hash          bytea       not null,
    primary key (account_id, shard, seq)
);

create table ledger_hold (
    transfer_id   bigint      primary key,
    merchant_id   text        not null,
    from_account  bigint      not null,
    from_shard    smallint    not null,
    to_account    bigint      not null,
    amount        bigint      not null check (amount > 0),
    status        text        not null check (status in ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED')),
    expires_at    timestamptz not null,
    posted_amount bigint,
    resolved_by   bigint
);
create index ledger_hold_due on ledger_hold (expires_at) where status = 'PENDING';

-- Raises inside a statement so that a half-applied transfer rolls back with it (see FastTransfers).
create function ledger_require(ok boolean, code text) returns boolean
    language plpgsql as
$$
begin
    if ok is not true then
        raise exception using errcode = 'LG001', message = code;
    end if;
    return true;
end
$$;
