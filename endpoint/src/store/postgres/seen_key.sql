-- A taken key's request hash and first answer.
SELECT request_hash, body FROM idempotency WHERE key = $1;
