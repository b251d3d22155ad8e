-- A signed-out session, refused until it would have expired (unix seconds).
INSERT INTO revoked_sessions (id, expires_at) VALUES (:id, :expires_at)
ON CONFLICT (id) DO NOTHING;
