-- Per sign, how many submissions of the period ($1 from, $2 to, inclusive) are strong, close or gap.
SELECT COUNT(*),
  COUNT(*) FILTER (WHERE status_tickets = 'strong'), COUNT(*) FILTER (WHERE status_tickets = 'close'),
  COUNT(*) FILTER (WHERE status_tickets = 'gap'),
  COUNT(*) FILTER (WHERE status_documentation = 'strong'), COUNT(*) FILTER (WHERE status_documentation = 'close'),
  COUNT(*) FILTER (WHERE status_documentation = 'gap'),
  COUNT(*) FILTER (WHERE status_spec_ownership = 'strong'), COUNT(*) FILTER (WHERE status_spec_ownership = 'close'),
  COUNT(*) FILTER (WHERE status_spec_ownership = 'gap'),
  COUNT(*) FILTER (WHERE status_feedback = 'strong'), COUNT(*) FILTER (WHERE status_feedback = 'close'),
  COUNT(*) FILTER (WHERE status_feedback = 'gap'),
  COUNT(*) FILTER (WHERE status_unblocking = 'strong'), COUNT(*) FILTER (WHERE status_unblocking = 'close'),
  COUNT(*) FILTER (WHERE status_unblocking = 'gap')
FROM submissions
WHERE ($1::text IS NULL OR received_at >= $1::text)
  AND ($2::text IS NULL OR received_at < to_char($2::text::date + 1, 'YYYY-MM-DD'));
