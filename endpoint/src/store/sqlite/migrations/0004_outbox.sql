-- 4: suspected spam is stored and flagged (its reasons, comma-separated), never dropped;
-- the outbox: one delivery per destination of each accepted submission, written in the same
-- transaction. A worker claims due rows with a lease (`claimed_until`), so a crashed worker's
-- claims run out and are taken again.
ALTER TABLE submissions ADD COLUMN suspected_spam TEXT;

CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    -- `webhook` or `email`
    kind TEXT NOT NULL,
    -- the URL, or the address e-mailed
    target TEXT NOT NULL,
    -- `webhook-id`: the same on every attempt
    message_id TEXT NOT NULL,
    -- the event, fixed when the submission was stored
    payload TEXT NOT NULL,
    -- `pending`, `delivered` or `dead`
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    -- unix milliseconds
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    delivered_at INTEGER,
    last_error TEXT,
    UNIQUE (submission_id, kind, target)
);

CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at);
