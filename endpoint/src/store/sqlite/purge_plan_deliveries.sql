-- The deliveries of plan requests past the retention period; run before those are deleted.
DELETE FROM deliveries
WHERE plan_request_id IN (
    SELECT id FROM plan_requests
    WHERE received_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || :days || ' days'));
