-- The 30-second step of the last second-factor code accepted for the user: a code is accepted once, so that one
-- seen over a shoulder or in a proxy's log cannot be used again within its window.
alter table console_user add column totp_last_step bigint;
