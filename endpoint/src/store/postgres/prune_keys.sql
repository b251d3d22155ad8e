-- Idempotency keys older than the cutoff (unix seconds).
DELETE FROM idempotency WHERE created_at < $1;
