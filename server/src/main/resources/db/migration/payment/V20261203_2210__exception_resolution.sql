-- Issue 14, the console: an operator or merchant resolves a payment exception once (accepts it, or has its money
-- refunded); who, when and why are kept on the row. The lists the console pages through, newest first, by keyset.
alter table payment_exception
    add column resolved_at     timestamptz,
    add column resolved_by     text,
    add column resolution_note text;

create index payment_exception_seen on payment_exception (last_seen_at desc, id desc);
create index payment_exception_attempt on payment_exception (attempt_id) where payment_id is null;
-- the operator's lists span all merchants; a merchant's use the (merchant_id, created_at, id) indexes
create index payment_order_created on payment_order (created_at desc, id desc);
create index refund_created on refund (created_at desc, id desc);
create index refund_merchant_created on refund (merchant_id, created_at desc, id desc);
create index payment_attempt_channel_trade on payment_attempt (channel_transaction_id)
    where channel_transaction_id is not null;
