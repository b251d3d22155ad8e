-- Plan requests to one recipient ($1, case-insensitively) since $2 (unix seconds): the daily limit.
SELECT COUNT(*) FROM plan_requests WHERE lower(email) = lower($1) AND created_at > $2;
