-- 5: sales-view sessions ended by signing out, kept until they would have expired, so a
-- cookie that was signed out of is refused by every instance.
CREATE TABLE IF NOT EXISTS revoked_sessions (
    id TEXT PRIMARY KEY,
    -- unix seconds
    expires_at BIGINT NOT NULL
);
