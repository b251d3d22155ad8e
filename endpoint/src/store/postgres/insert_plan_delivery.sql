-- One delivery of a new plan request (the e-mail, or a `plan.sent` webhook), due at once:
-- $1 plan request, $2 kind, $3 target, $4 webhook-id, $5 payload, $6 now (unix ms).
INSERT INTO deliveries (plan_request_id, kind, target, message_id, payload, created_at, next_attempt_at)
VALUES ($1, $2, $3, $4, $5, $6, $6);
