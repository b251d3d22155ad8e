-- A submission's deliveries (webhooks, e-mail), in the order they were queued. Times are unix ms.
SELECT kind, target, state, attempts, created_at, next_attempt_at, delivered_at, last_error
FROM deliveries
WHERE submission_id = $1
ORDER BY id;
