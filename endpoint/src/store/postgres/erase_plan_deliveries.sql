-- Every delivery of one person's ($1) plan requests; run before the plan requests are deleted.
DELETE FROM deliveries
WHERE plan_request_id IN (SELECT id FROM plan_requests WHERE lower(email) = lower($1));
