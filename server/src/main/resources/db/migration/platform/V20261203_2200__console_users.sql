-- Operators and merchant staff are one kind of user (issue 14): the console and the operator API log in on the same
-- table, with one role each. Operators (kind OPERATOR) run the platform; merchant staff (kind MERCHANT) belong to
-- exactly one merchant and see only its data. The roles a kind may hold are listed in io.tongbao.platform.Role.
alter table operator_account rename to console_user;

alter table console_user
    add column kind         text    not null default 'OPERATOR',
    add column role         text    not null default 'ADMIN',
    add column merchant_id  text,
    add column display_name text,
    add column enabled      boolean not null default true,
    -- the TOTP secret, sealed with the master key like every stored secret; null while no second factor is set
    add column totp_secret  text,
    -- the zone the user reads times in
    add column zone         text    not null default 'Asia/Shanghai';

alter table console_user alter column kind drop default;
alter table console_user alter column role drop default;

alter table console_user add constraint console_user_kind check (
    (kind = 'OPERATOR' and merchant_id is null and role in ('ADMIN', 'FINANCE', 'SUPPORT', 'AUDITOR'))
    or (kind = 'MERCHANT' and merchant_id is not null and role in ('OWNER', 'MERCHANT_FINANCE', 'DEVELOPER', 'STAFF')));

create index console_user_merchant on console_user (merchant_id) where merchant_id is not null;
