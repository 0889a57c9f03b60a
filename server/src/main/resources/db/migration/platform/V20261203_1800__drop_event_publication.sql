-- Spring Modulith's event publication registry is no longer used: payment and ledger events are recorded as webhook
-- and stream rows inside the business transaction (docs/architecture.md, "Events leave through one outbox"), so
-- nothing was ever written here by a listener any more. The archive table exists only with completion-mode archive,
-- which was never set; dropped too in case an operator set it.
drop table if exists event_publication;
drop table if exists event_publication_archive;
