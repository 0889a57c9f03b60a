-- Issue 14, the console: an operator's refund at or above the approval threshold waits here until another operator
-- approves it (four eyes). Each moves once, from PENDING, by a guarded UPDATE; the refund it makes is numbered after
-- it (out_refund_no = id), so that executing it again can only find the same refund.
create table refund_approval (
    id             text primary key,
    payment_id     text        not null references payment_order (id),
    merchant_id    text        not null,
    app_id         text        not null,
    amount         bigint      not null check (amount > 0),
    reason         text        not null,
    requested_by   text        not null,
    status         text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'FAILED')),
    decided_by     text,
    decided_at     timestamptz,
    refund_id      text references refund (id),
    failure_code   text,
    failure_message text,
    created_at     timestamptz not null,
    check (decided_by is null or decided_by <> requested_by)
);
create index refund_approval_pending on refund_approval (created_at, id) where status = 'PENDING';
create index refund_approval_payment on refund_approval (payment_id);
