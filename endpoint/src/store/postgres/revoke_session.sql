-- A signed-out session ($1), refused until it would have expired ($2, unix seconds).
INSERT INTO revoked_sessions (id, expires_at) VALUES ($1, $2)
ON CONFLICT (id) DO NOTHING;
