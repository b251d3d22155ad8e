-- The deliveries of plan requests older than $1 days; run before those are deleted.
DELETE FROM deliveries
WHERE plan_request_id IN (
    SELECT id FROM plan_requests
    WHERE received_at < to_char(now() AT TIME ZONE 'UTC' - make_interval(days => $1::int), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
