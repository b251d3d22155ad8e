-- Every delivery, or those in one state, oldest first (`readiness-endpoint deliveries`).
SELECT id, submission_id, kind, target, message_id, state, attempts, last_error
FROM deliveries
WHERE :state IS NULL OR state = :state
ORDER BY id;
