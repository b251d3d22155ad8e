-- One delivery of a new submission, due at once: $1 submission, $2 kind, $3 target, $4 webhook-id,
-- $5 the event, $6 now (unix ms).
INSERT INTO deliveries (submission_id, kind, target, message_id, payload, created_at, next_attempt_at)
VALUES ($1, $2, $3, $4, $5, $6, $6);
