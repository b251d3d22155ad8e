-- Serialises the plan requests to one recipient ($1, case-insensitively) until the transaction
-- ends, so that two at the same moment cannot both pass the daily limit.
SELECT pg_advisory_xact_lock(hashtext(lower($1)));
