-- The console's call log: every call newest first (the operator), one app's calls (ApiCallQueries). A merchant's
-- calls are read through api_call_merchant_time.
create index api_call_time on api_call (created_at, id);
create index api_call_app_time on api_call (app_id, created_at);
