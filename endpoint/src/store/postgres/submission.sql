-- One submission, for its page.
SELECT id, received_at, name, email, company, message, consent_text, result_code, model_version,
       page_url, utm_source, utm_medium, utm_campaign, utm_term, utm_content, locale, team, context,
       client_scores_matched, suspected_spam, plan_requested, bookings_opened
FROM submissions
WHERE id = $1;
