-- One plan request: $1 received_at, $2 email, $3 locale, $4 result code, $5 idempotency key,
-- $6 unix seconds. Nothing comes back when a concurrent request holds the key.
INSERT INTO plan_requests (received_at, email, locale, result_code, idempotency_key, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id;
