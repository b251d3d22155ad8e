-- The sales view's filter, shared by the list, its count and its downloads.
-- Every parameter may be NULL (no filter). Dates are YYYY-MM-DD, inclusive;
-- `received_at` is RFC 3339 in UTC, so text order is time order.
WHERE (:from IS NULL OR received_at >= :from)
  AND (:to IS NULL OR received_at < date(:to, '+1 day'))
  AND (:sign IS NULL OR (CASE :sign
        WHEN 'tickets' THEN status_tickets
        WHEN 'documentation' THEN status_documentation
        WHEN 'spec-ownership' THEN status_spec_ownership
        WHEN 'feedback' THEN status_feedback
        WHEN 'unblocking' THEN status_unblocking
      END) IN (:status, :or_status))
  AND (:spam IS NULL OR (:spam = 1) = (suspected_spam IS NOT NULL))
  AND (:delivery IS NULL OR EXISTS (
        SELECT 1 FROM deliveries d WHERE d.submission_id = submissions.id AND d.state = :delivery))
