-- One delivery of a new submission, due at once.
INSERT INTO deliveries (submission_id, kind, target, message_id, payload, created_at, next_attempt_at)
VALUES (:submission_id, :kind, :target, :message_id, :payload, :now, :now);
