-- How many submissions share this e-mail address (what an erasure deletes).
SELECT COUNT(*) FROM submissions WHERE lower(email) = lower($1);
