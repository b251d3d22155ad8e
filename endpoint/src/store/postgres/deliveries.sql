-- Every delivery, or those in one state ($1), oldest first (`readiness-endpoint deliveries`).
-- A plan request's deliveries (issue 22) have no submission: 0 there, and their plan request last.
SELECT id, COALESCE(submission_id, 0), kind, target, message_id, state, attempts, last_error, plan_request_id
FROM deliveries
WHERE $1::text IS NULL OR state = $1::text
ORDER BY id;
