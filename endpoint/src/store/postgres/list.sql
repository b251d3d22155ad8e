-- One page of the list (the filter, then the order and the page follow).
SELECT id, received_at, name, email, company, overall,
       status_tickets, status_documentation, status_spec_ownership, status_feedback, status_unblocking,
       suspected_spam
FROM submissions
