-- The plan request stored under an idempotency key ($1), if any (a retry is answered, not counted).
SELECT id FROM plan_requests WHERE idempotency_key = $1;
