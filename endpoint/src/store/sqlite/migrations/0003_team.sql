-- 3: the optional team link (codes and initials) sent from the team view.
ALTER TABLE submissions ADD COLUMN team TEXT;
