-- 1: submissions, and the first answers to idempotency keys (kept 48 h).
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT NOT NULL,
    message TEXT,
    consent_text TEXT NOT NULL,
    result_code TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    overall TEXT NOT NULL,
    score_tickets INTEGER NOT NULL,
    status_tickets TEXT NOT NULL,
    score_documentation INTEGER NOT NULL,
    status_documentation TEXT NOT NULL,
    score_spec_ownership INTEGER NOT NULL,
    status_spec_ownership TEXT NOT NULL,
    score_feedback INTEGER NOT NULL,
    status_feedback TEXT NOT NULL,
    score_unblocking INTEGER NOT NULL,
    status_unblocking TEXT NOT NULL,
    page_url TEXT,
    utm_source TEXT,
    utm_medium TEXT,
    utm_campaign TEXT,
    utm_term TEXT,
    utm_content TEXT,
    locale TEXT NOT NULL,
    client_time TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    client_scores_matched INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    schema TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
