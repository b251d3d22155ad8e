-- When the next pending delivery is due, its lease included.
SELECT MIN(MAX(next_attempt_at, COALESCE(claimed_until, 0))) FROM deliveries WHERE state = 'pending';
