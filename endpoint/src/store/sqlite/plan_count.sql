-- Plan requests to one recipient (case-insensitively) since :since (unix seconds): the daily limit.
SELECT COUNT(*) FROM plan_requests WHERE lower(email) = lower(:email) AND created_at > :since;
