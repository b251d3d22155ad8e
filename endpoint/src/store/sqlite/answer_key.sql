-- The key's first answer, once the submission is stored.
UPDATE idempotency SET body = :body WHERE key = :key;
