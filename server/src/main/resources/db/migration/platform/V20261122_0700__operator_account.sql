-- Operators run the platform: merchants, apps, channel credentials. Passwords are stored as
-- delegating-encoder hashes ({bcrypt}...), never in clear.
create table operator_account (
    username            text primary key,
    password_hash       text        not null,
    created_at          timestamptz not null,
    password_changed_at timestamptz not null
);
