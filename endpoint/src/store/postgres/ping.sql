-- /healthz: the server answers.
SELECT 1;
