-- Dead letters (all, or $2) back in the queue, due now ($1) with fresh attempts.
UPDATE deliveries
SET state = 'pending', attempts = 0, next_attempt_at = $1, claimed_until = NULL, created_at = $1
WHERE state = 'dead' AND ($2::bigint IS NULL OR id = $2::bigint);
