-- Revoked sessions that have expired anyway.
DELETE FROM revoked_sessions WHERE expires_at < $1;
