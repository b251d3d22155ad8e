-- The core write's first step: take the idempotency key (nothing comes back if it was taken).
INSERT INTO idempotency (key, request_hash, status, body, created_at)
VALUES (:key, :request_hash, 201, '', :created_at)
ON CONFLICT (key) DO NOTHING
RETURNING key;
