-- One beacon: the day's counter of its key, created at 1 or incremented, atomically.
INSERT INTO counts (day, path, locale, variant, model_version, milestone, count)
VALUES ($1, $2, $3, $4, $5, $6, 1)
ON CONFLICT (day, path, locale, variant, model_version, milestone) DO UPDATE SET count = counts.count + 1
