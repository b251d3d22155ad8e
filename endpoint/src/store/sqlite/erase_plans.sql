-- Every plan request of one person, by e-mail address, case-insensitively.
DELETE FROM plan_requests WHERE lower(email) = lower(:email);
