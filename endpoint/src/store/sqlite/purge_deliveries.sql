-- The deliveries of submissions past the retention period; run before those are deleted.
DELETE FROM deliveries
WHERE submission_id IN (
    SELECT id FROM submissions
    WHERE received_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || :days || ' days'));
