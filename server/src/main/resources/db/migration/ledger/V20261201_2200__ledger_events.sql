-- The ledger's outbox. A row is written by the same statement (single transfers) or transaction (everything else)
-- as the journal change it reports, and removed by LedgerEventRelay in the transaction that hands it on: a change
-- never commits without its event, and an event never outlives its hand-over.
-- hold.expired rows are written for every expiry; ledger.transfer.posted rows only for apps that subscribed, so the
-- journal of everyone else writes nothing here.
create table ledger_event (
    -- assigned after the balance rows are locked: events that touch the same payer row are numbered in commit order
    id         bigint generated always as identity primary key,
    type       text        not null,
    payload    text        not null,
    created_at timestamptz not null
);

-- The app whose call created the hold: its expiry is reported to that app. Null for holds older than this column.
alter table ledger_hold add column app_id text;
