-- How many deliveries of one person's ($1) plan requests were not made yet (what an erasure reports).
SELECT COUNT(*) FROM deliveries
WHERE state = 'pending'
  AND plan_request_id IN (SELECT id FROM plan_requests WHERE lower(email) = lower($1));
