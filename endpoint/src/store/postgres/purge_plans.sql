-- Plan requests received more than $1 days ago.
DELETE FROM plan_requests
WHERE received_at < to_char(now() AT TIME ZONE 'UTC' - make_interval(days => $1::int), 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
