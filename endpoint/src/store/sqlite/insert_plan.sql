-- One plan request.
INSERT INTO plan_requests (received_at, email, locale, result_code, idempotency_key, created_at)
VALUES (:received_at, :email, :locale, :result_code, :key, :created_at)
RETURNING id;
