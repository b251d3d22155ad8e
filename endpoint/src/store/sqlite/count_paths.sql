-- The paths that have counts, most counted first (the funnel's path picker).
SELECT path FROM counts GROUP BY path ORDER BY SUM(count) DESC, path LIMIT 200;
