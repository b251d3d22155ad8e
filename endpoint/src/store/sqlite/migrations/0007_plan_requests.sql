-- 7 (issue 22): plan requests ("e-mail me my plan"). A request keeps only what sending and the
-- per-recipient daily limit need: the address, the language, the result code, when. Erased with
-- the rest by `erase --email` and by retention. The outbox also carries the plan e-mail and the
-- `plan.sent` webhooks: a delivery belongs to a submission or to a plan request, never both.
CREATE TABLE IF NOT EXISTS plan_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- RFC 3339, UTC (text order is time order)
    received_at TEXT NOT NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL,
    result_code TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    -- unix seconds
    created_at INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS plan_requests_recipient ON plan_requests (lower(email), created_at);

-- SQLite cannot drop NOT NULL from a column: the deliveries table is rebuilt with
-- `submission_id` optional and `plan_request_id` beside it.
CREATE TABLE deliveries_v7 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER REFERENCES submissions (id),
    plan_request_id INTEGER REFERENCES plan_requests (id),
    -- `webhook`, `email` or `plan`
    kind TEXT NOT NULL,
    -- the URL, the addresses e-mailed, or `visitor` for a plan e-mail (the address is in the payload)
    target TEXT NOT NULL,
    message_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    delivered_at INTEGER,
    last_error TEXT,
    UNIQUE (submission_id, kind, target),
    UNIQUE (plan_request_id, kind, target),
    CHECK ((submission_id IS NULL) <> (plan_request_id IS NULL))
);

INSERT INTO deliveries_v7 (id, submission_id, kind, target, message_id, payload, state, attempts, created_at,
                           next_attempt_at, claimed_until, delivered_at, last_error)
SELECT id, submission_id, kind, target, message_id, payload, state, attempts, created_at,
       next_attempt_at, claimed_until, delivered_at, last_error
FROM deliveries;

DROP TABLE deliveries;
ALTER TABLE deliveries_v7 RENAME TO deliveries;
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS deliveries_plan ON deliveries (plan_request_id);

-- What else the visitor did on the result, as their browser reported it with the consented
-- submission: asked for their plan by e-mail (0/1), opened the booking page (a count).
ALTER TABLE submissions ADD COLUMN plan_requested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN bookings_opened INTEGER NOT NULL DEFAULT 0;
