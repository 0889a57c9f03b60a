-- Consecutive failed operator logins per username (any username tried, so that a lock does not tell which exist),
-- shared by every node: after tongbao.operator-login.max-failures in a row the name is locked until locked_until,
-- even for the right password. A successful login deletes the row; rows idle for a day are deleted.
create table operator_login_failure (
    username        text        primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);
