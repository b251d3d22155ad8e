-- Submissions received more than $1 days ago (`received_at` is RFC 3339 in UTC: text order is time order).
DELETE FROM submissions
WHERE received_at < to_char(now() AT TIME ZONE 'UTC' - make_interval(days => $1::int), 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
