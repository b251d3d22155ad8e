-- The counts of a period (days inclusive, either end open), summed over days and model
-- versions, for one path or all; the funnel and its CSV are computed from these rows.
SELECT path, locale, variant, milestone, SUM(count)
FROM counts
WHERE (:from IS NULL OR day >= :from)
  AND (:to IS NULL OR day <= :to)
  AND (:path IS NULL OR path = :path)
GROUP BY path, locale, variant, milestone
ORDER BY path, locale, variant, milestone;
