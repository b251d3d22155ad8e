-- Whether a session was signed out of.
SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE id = $1);
