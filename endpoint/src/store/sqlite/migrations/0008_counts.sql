-- 8: anonymous counts (issue 23): one row per (day, path, locale, variant, model version,
-- milestone) and its count. Aggregate from the start: no address, user agent, time finer
-- than the day or identifier is ever stored, so erasure has nothing to find.
CREATE TABLE IF NOT EXISTS counts (
    -- YYYY-MM-DD, the receiver's day (UTC)
    day TEXT NOT NULL,
    path TEXT NOT NULL,
    locale TEXT NOT NULL,
    variant TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    milestone TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, path, locale, variant, model_version, milestone)
);
