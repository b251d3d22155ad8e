-- The exports' cells: every column as text in `COLUMNS` order, then each delivery as
-- `<kind> <state>` (a filter and an order follow).
SELECT id::text, received_at, name, email, company, message, consent_text, result_code,
       model_version::text, overall, score_tickets::text, status_tickets,
       score_documentation::text, status_documentation,
       score_spec_ownership::text, status_spec_ownership, score_feedback::text, status_feedback,
       score_unblocking::text, status_unblocking, page_url,
       utm_source, utm_medium, utm_campaign, utm_term, utm_content,
       locale, client_time, elapsed_ms::text, client_scores_matched::text, idempotency_key, schema, team,
       suspected_spam, context,
       (SELECT string_agg(kind || ' ' || state, '; ' ORDER BY d.id)
        FROM deliveries d WHERE d.submission_id = submissions.id)
FROM submissions
