-- The deliveries of submissions older than $1 days; run before those are deleted.
DELETE FROM deliveries
WHERE submission_id IN (
    SELECT id FROM submissions
    WHERE received_at < to_char(now() AT TIME ZONE 'UTC' - make_interval(days => $1::int), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
