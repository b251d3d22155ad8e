-- The submission stored under a key (whose idempotency row may have been pruned): its hash and scores.
SELECT id, request_hash, overall,
       score_tickets, status_tickets, score_documentation, status_documentation,
       score_spec_ownership, status_spec_ownership, score_feedback, status_feedback,
       score_unblocking, status_unblocking
FROM submissions
WHERE idempotency_key = :key;
