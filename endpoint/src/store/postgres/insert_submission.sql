-- Stores one submission; the parameters follow the columns' order.
INSERT INTO submissions (
    received_at, name, email, company, message, consent_text, result_code, model_version, overall,
    score_tickets, status_tickets, score_documentation, status_documentation,
    score_spec_ownership, status_spec_ownership, score_feedback, status_feedback,
    score_unblocking, status_unblocking, page_url,
    utm_source, utm_medium, utm_campaign, utm_term, utm_content,
    locale, client_time, elapsed_ms, client_scores_matched, idempotency_key, schema, team, request_hash,
    suspected_spam, plan_requested, bookings_opened, context
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
    $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37)
RETURNING id;
