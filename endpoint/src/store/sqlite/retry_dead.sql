-- Dead letters (all, or one) back in the queue, due now with fresh attempts.
UPDATE deliveries
SET state = 'pending', attempts = 0, next_attempt_at = :now, claimed_until = NULL, created_at = :now
WHERE state = 'dead' AND (:id IS NULL OR id = :id);
