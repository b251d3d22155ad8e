-- An attempt's outcome: $1 the new state, $2 the error, $3 the next attempt, $4 now (unix ms), $5 the row.
UPDATE deliveries
SET state = $1::text, claimed_until = NULL, last_error = $2,
    next_attempt_at = $3, delivered_at = CASE WHEN $1::text = 'delivered' THEN $4::bigint END
WHERE id = $5;
