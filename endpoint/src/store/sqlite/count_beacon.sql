-- One beacon: the day's counter of its key, created at 1 or incremented, atomically.
INSERT INTO counts (day, path, locale, variant, model_version, milestone, count)
VALUES (:day, :path, :locale, :variant, :model_version, :milestone, 1)
ON CONFLICT (day, path, locale, variant, model_version, milestone) DO UPDATE SET count = count + 1;
