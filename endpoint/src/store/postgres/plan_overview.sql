-- Plan requests of the period ($1 from, $2 to, inclusive), for the sales view.
SELECT COUNT(*) FROM plan_requests
WHERE ($1::text IS NULL OR received_at >= $1::text)
  AND ($2::text IS NULL OR received_at < to_char($2::text::date + 1, 'YYYY-MM-DD'));
