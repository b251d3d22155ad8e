-- One delivery of a new plan request (the e-mail, or a `plan.sent` webhook), due at once.
INSERT INTO deliveries (plan_request_id, kind, target, message_id, payload, created_at, next_attempt_at)
VALUES (:plan_request_id, :kind, :target, :message_id, :payload, :now, :now);
