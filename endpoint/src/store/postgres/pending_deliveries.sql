-- How many of one person's deliveries were not made yet (what an erasure reports).
SELECT COUNT(*) FROM deliveries
WHERE state = 'pending'
  AND submission_id IN (SELECT id FROM submissions WHERE lower(email) = lower($1));
