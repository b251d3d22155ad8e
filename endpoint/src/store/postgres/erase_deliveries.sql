-- Every delivery of one person's submissions; run before the submissions are deleted.
DELETE FROM deliveries
WHERE submission_id IN (SELECT id FROM submissions WHERE lower(email) = lower($1));
