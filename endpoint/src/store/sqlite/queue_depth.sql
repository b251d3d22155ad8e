-- The outbox's depth: deliveries per destination and state.
SELECT kind, target, state, COUNT(*)
FROM deliveries
GROUP BY kind, target, state
ORDER BY kind, target, state;
