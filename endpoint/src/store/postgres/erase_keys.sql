-- The idempotency answers of one person's submissions (they name the submission ids).
DELETE FROM idempotency
WHERE key IN (SELECT idempotency_key FROM submissions WHERE lower(email) = lower($1));
