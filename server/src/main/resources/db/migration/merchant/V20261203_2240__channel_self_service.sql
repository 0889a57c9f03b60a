-- Whether the operator lets the merchant's own staff upload its apps' channel keys in the console.
alter table merchant add column channel_self_service boolean not null default false;
