-- 6: the embed's context (data-context-* attributes, issue 21) as a JSON object of
-- strings, keys sorted; NULL when the widget sent none.
ALTER TABLE submissions ADD COLUMN context TEXT;
