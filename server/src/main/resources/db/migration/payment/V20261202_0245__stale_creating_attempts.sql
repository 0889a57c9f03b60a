-- The janitor looks for attempts left CREATING (the request that opened them ended without recording the channel's
-- answer: a crash, a failed settlement transaction); they are few, so a small partial index finds them every pass.
create index payment_attempt_creating on payment_attempt (created_at) where status = 'CREATING';
