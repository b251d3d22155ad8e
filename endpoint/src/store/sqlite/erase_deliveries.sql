-- Every delivery of one person's submissions (the queued event holds their data); run before
-- the submissions are deleted.
DELETE FROM deliveries
WHERE submission_id IN (SELECT id FROM submissions WHERE lower(email) = lower(:email));
