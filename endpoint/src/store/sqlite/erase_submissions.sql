-- Every submission of one person, by e-mail address, case-insensitively.
DELETE FROM submissions WHERE lower(email) = lower(:email);
