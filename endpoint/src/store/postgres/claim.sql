-- Claims due deliveries whose lease ran out, for a new lease ($2); each claim counts as an attempt.
-- Rows another instance is claiming are skipped.
WITH due AS (
    SELECT id FROM deliveries
    WHERE state = 'pending' AND next_attempt_at <= $1
      AND (claimed_until IS NULL OR claimed_until <= $1)
    ORDER BY next_attempt_at, id
    LIMIT $3
    FOR UPDATE SKIP LOCKED)
UPDATE deliveries d SET claimed_until = $2, attempts = d.attempts + 1
FROM due WHERE d.id = due.id
RETURNING d.id, d.kind, d.target, d.message_id, d.payload, d.attempts, d.created_at;
