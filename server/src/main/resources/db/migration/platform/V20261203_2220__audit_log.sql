-- The audit log: every change with who, when, from where, what, before and after. Append-only (the trigger below
-- refuses UPDATE, DELETE and TRUNCATE) and tamper-evident: each entry's hash covers its content and the hash of
-- the entry before, like the ledger's postings. audit_chain holds the head: appends lock it, so the chain has one
-- order across threads and nodes, and a missing tail shows as a head that no longer matches.

create table audit_entry (
    id          bigint generated always as identity primary key,
    seq         bigint      not null unique,
    occurred_at timestamptz not null,
    actor       text        not null,
    actor_role  text,
    source      text,
    merchant_id text,
    action      text        not null,
    target_type text        not null,
    target_id   text        not null,
    summary     text,
    before      jsonb,
    after       jsonb,
    prev_hash   bytea       not null,
    hash        bytea       not null
);

create index audit_entry_merchant on audit_entry (merchant_id, seq) where merchant_id is not null;
create index audit_entry_actor on audit_entry (actor, seq);
create index audit_entry_target on audit_entry (target_type, target_id, seq);
create index audit_entry_occurred on audit_entry (occurred_at);

create table audit_chain (
    id   smallint primary key check (id = 1),
    seq  bigint   not null,
    head bytea    not null
);

insert into audit_chain (id, seq, head) values (1, 0, sha256(convert_to('tongbao:audit', 'UTF8')));

-- A field as length and bytes, null as length -1: no two different entries encode to the same bytes.
create function audit_field(value text) returns bytea language sql immutable as $$
    select case when value is null then int4send(-1)
                else int4send(octet_length(value)) || convert_to(value, 'UTF8') end
$$;

-- The chain step, computed by PostgreSQL both when an entry is written and when the chain is verified, over
-- jsonb's own rendering of before and after (so the hash does not depend on how a client spelled the JSON).
create function audit_entry_hash(
        prev_hash bytea, seq bigint, occurred_at timestamptz, actor text, actor_role text, source text,
        merchant_id text, action text, target_type text, target_id text, summary text, before jsonb, after jsonb)
    returns bytea language sql immutable as $$
    select sha256(prev_hash || int8send(seq)
                  || int8send((extract(epoch from occurred_at) * 1000000)::bigint)
                  || audit_field(actor) || audit_field(actor_role) || audit_field(source)
                  || audit_field(merchant_id) || audit_field(action) || audit_field(target_type)
                  || audit_field(target_id) || audit_field(summary)
                  || audit_field(before::text) || audit_field(after::text))
$$;

create function audit_entry_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'restrict_violation';
end
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_refuse_change();

create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();
