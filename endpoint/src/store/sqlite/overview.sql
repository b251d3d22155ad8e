-- Per sign, how many submissions of the period are strong, close or gap.
SELECT COUNT(*),
  COALESCE(SUM(status_tickets = 'strong'), 0), COALESCE(SUM(status_tickets = 'close'), 0),
  COALESCE(SUM(status_tickets = 'gap'), 0),
  COALESCE(SUM(status_documentation = 'strong'), 0), COALESCE(SUM(status_documentation = 'close'), 0),
  COALESCE(SUM(status_documentation = 'gap'), 0),
  COALESCE(SUM(status_spec_ownership = 'strong'), 0), COALESCE(SUM(status_spec_ownership = 'close'), 0),
  COALESCE(SUM(status_spec_ownership = 'gap'), 0),
  COALESCE(SUM(status_feedback = 'strong'), 0), COALESCE(SUM(status_feedback = 'close'), 0),
  COALESCE(SUM(status_feedback = 'gap'), 0),
  COALESCE(SUM(status_unblocking = 'strong'), 0), COALESCE(SUM(status_unblocking = 'close'), 0),
  COALESCE(SUM(status_unblocking = 'gap'), 0)
FROM submissions
WHERE (:from IS NULL OR received_at >= :from)
  AND (:to IS NULL OR received_at < date(:to, '+1 day'));
