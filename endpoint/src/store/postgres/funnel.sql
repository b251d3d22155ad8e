-- The counts of a period (days inclusive, either end open), summed over days and model
-- versions, for one path or all; the funnel and its CSV are computed from these rows.
SELECT path, locale, variant, milestone, SUM(count)::BIGINT
FROM counts
WHERE ($1::TEXT IS NULL OR day >= $1)
  AND ($2::TEXT IS NULL OR day <= $2)
  AND ($3::TEXT IS NULL OR path = $3)
GROUP BY path, locale, variant, milestone
ORDER BY path, locale, variant, milestone
