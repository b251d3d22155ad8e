-- Plan requests of the period (the overview's bounds), for the sales view.
SELECT COUNT(*) FROM plan_requests
WHERE (:from IS NULL OR received_at >= :from)
  AND (:to IS NULL OR received_at < date(:to, '+1 day'));
