-- The core write's first step: take the idempotency key (nothing comes back if it was taken;
-- a concurrent holder of the same key is waited for until its transaction ends).
INSERT INTO idempotency (key, request_hash, status, body, created_at)
VALUES ($1, $2, 201, '', $3)
ON CONFLICT (key) DO NOTHING
RETURNING key;
