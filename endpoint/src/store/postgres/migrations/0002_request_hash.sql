-- 2: the body hash on the submission itself, so a retry after its key was pruned is still recognised.
ALTER TABLE submissions ADD COLUMN request_hash TEXT;
