-- Every plan request of one person, by e-mail address ($1), case-insensitively.
DELETE FROM plan_requests WHERE lower(email) = lower($1);
