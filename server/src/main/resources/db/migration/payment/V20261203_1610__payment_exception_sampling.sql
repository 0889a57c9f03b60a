-- Refused notifications are sampled, not recorded one row each (issue 12, item 9): 3,000 forged posts had made 3,000
-- rows. A refusal carries a sample key; the first refusal with a key inserts the row, every later one increments its
-- occurrences and moves last_seen_at. For what failed verification the key holds the channel, app, reason and the
-- minute (at most one row a minute per channel, app and reason, however many forgeries); for a verified notification
-- that is refused (another amount, an unknown trade) it holds the app, reason and trade (one row per trade, however
-- often the channel retries). Other exceptions (a surplus payment, paid after close) have no key: one row each.
alter table payment_exception
    add column occurrences  integer not null default 1,
    add column last_seen_at timestamptz,
    add column sample_key   text;

update payment_exception set last_seen_at = created_at;
alter table payment_exception alter column last_seen_at set not null;

create unique index payment_exception_sample on payment_exception (sample_key) where sample_key is not null;
