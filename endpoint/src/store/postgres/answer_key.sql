-- The key's first answer, once the submission is stored.
UPDATE idempotency SET body = $2 WHERE key = $1;
