-- How many submissions the filter matches.
SELECT COUNT(*) FROM submissions
