-- As SQLite's 012: wrong tries counted per source as well.
ALTER TABLE guess_limits ADD COLUMN source TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE guess_limits DROP CONSTRAINT guess_limits_pkey;
ALTER TABLE guess_limits ADD PRIMARY KEY (workshop, kind, source);
