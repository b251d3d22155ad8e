-- Every delivery, or those in one state ($1), oldest first (`readiness-endpoint deliveries`).
SELECT id, submission_id, kind, target, message_id, state, attempts, last_error
FROM deliveries
WHERE $1::text IS NULL OR state = $1::text
ORDER BY id;
