-- Claims due deliveries whose lease ran out, for a new lease; each claim counts as an attempt.
-- (One writer: no other claim runs at the same time.)
UPDATE deliveries
SET claimed_until = :lease_until, attempts = attempts + 1
WHERE id IN (
    SELECT id FROM deliveries
    WHERE state = 'pending' AND next_attempt_at <= :now
      AND (claimed_until IS NULL OR claimed_until <= :now)
    ORDER BY next_attempt_at, id
    LIMIT :batch)
RETURNING id, kind, target, message_id, payload, attempts, created_at;
