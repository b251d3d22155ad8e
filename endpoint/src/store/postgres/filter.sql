-- The sales view's filter on PostgreSQL (as `../sqlite/filter.sql`): $1 from, $2 to (YYYY-MM-DD, inclusive),
-- $3 sign, $4/$5 the statuses it may have, $6 suspected spam, $7 a delivery state; NULL: no filter.
WHERE ($1::text IS NULL OR received_at >= $1::text)
  AND ($2::text IS NULL OR received_at < to_char($2::text::date + 1, 'YYYY-MM-DD'))
  AND ($3::text IS NULL OR (CASE $3::text
        WHEN 'tickets' THEN status_tickets
        WHEN 'documentation' THEN status_documentation
        WHEN 'spec-ownership' THEN status_spec_ownership
        WHEN 'feedback' THEN status_feedback
        WHEN 'unblocking' THEN status_unblocking
      END) IN ($4::text, $5::text))
  AND ($6::boolean IS NULL OR $6::boolean = (suspected_spam IS NOT NULL))
  AND ($7::text IS NULL OR EXISTS (
        SELECT 1 FROM deliveries d WHERE d.submission_id = submissions.id AND d.state = $7::text))
