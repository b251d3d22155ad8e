-- Submissions received more than :days days ago. `received_at` is RFC 3339 in UTC,
-- so text order is time order.
DELETE FROM submissions
WHERE received_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || :days || ' days');
