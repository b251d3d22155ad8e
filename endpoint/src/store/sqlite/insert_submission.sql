-- Stores one submission; the parameters are named after the columns.
INSERT INTO submissions (
    received_at, name, email, company, message, consent_text, result_code, model_version, overall,
    score_tickets, status_tickets, score_documentation, status_documentation,
    score_spec_ownership, status_spec_ownership, score_feedback, status_feedback,
    score_unblocking, status_unblocking, page_url,
    utm_source, utm_medium, utm_campaign, utm_term, utm_content,
    locale, client_time, elapsed_ms, client_scores_matched, idempotency_key, schema, team, request_hash,
    suspected_spam, plan_requested, bookings_opened, context
) VALUES (
    :received_at, :name, :email, :company, :message, :consent_text, :result_code, :model_version, :overall,
    :score_tickets, :status_tickets, :score_documentation, :status_documentation,
    :score_spec_ownership, :status_spec_ownership, :score_feedback, :status_feedback,
    :score_unblocking, :status_unblocking, :page_url,
    :utm_source, :utm_medium, :utm_campaign, :utm_term, :utm_content,
    :locale, :client_time, :elapsed_ms, :client_scores_matched, :idempotency_key, :schema, :team, :request_hash,
    :suspected_spam, :plan_requested, :bookings_opened, :context
)
RETURNING id;
