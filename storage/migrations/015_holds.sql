-- Which open session has an assessment open, so that two programs on one
-- database (two terminals, two serve processes) never open one assessment
-- at once, each showing as saved what the other overwrote. A hold lasts
-- until it expires unless renewed: a program that died lets go of it.
CREATE TABLE holds (
	assessment INTEGER PRIMARY KEY REFERENCES assessments (seq) ON DELETE CASCADE,
	holder     TEXT NOT NULL,
	expires    TEXT NOT NULL
) STRICT;
