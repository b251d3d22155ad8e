-- Plan requests received more than :days days ago.
DELETE FROM plan_requests
WHERE received_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || :days || ' days');
