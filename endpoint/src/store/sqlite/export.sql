-- The exports' cells: every column as text in `COLUMNS` order, then each delivery as
-- `<kind> <state>` (a filter and an order follow).
SELECT id, received_at, name, email, company, message, consent_text, result_code, model_version,
       overall, score_tickets, status_tickets, score_documentation, status_documentation,
       score_spec_ownership, status_spec_ownership, score_feedback, status_feedback,
       score_unblocking, status_unblocking, page_url,
       utm_source, utm_medium, utm_campaign, utm_term, utm_content,
       locale, client_time, elapsed_ms, client_scores_matched, idempotency_key, schema, team,
       suspected_spam, context,
       (SELECT group_concat(kind || ' ' || state, '; ' ORDER BY d.id)
        FROM deliveries d WHERE d.submission_id = submissions.id)
FROM submissions
