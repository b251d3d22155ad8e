-- An attempt's outcome: the new state, the error, when the next attempt is due (unix ms).
UPDATE deliveries
SET state = :state, claimed_until = NULL, last_error = :error,
    next_attempt_at = :next, delivered_at = CASE WHEN :state = 'delivered' THEN :now END
WHERE id = :id;
