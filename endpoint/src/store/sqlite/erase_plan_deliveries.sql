-- Every delivery of one person's plan requests (the queued e-mail holds their address); run
-- before the plan requests are deleted.
DELETE FROM deliveries
WHERE plan_request_id IN (SELECT id FROM plan_requests WHERE lower(email) = lower(:email));
